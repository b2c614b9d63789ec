//! Every word in the reader's language: each page the demo data reaches,
//! crawled as TSB and as a focal point in each language but English, and
//! each email queued for a reader of another language, must hold none of the
//! English catalogue's sentences (proper names and the consultation's own
//! texts, which TSB writes in English, are not sentences of the catalogue).

use std::collections::{BTreeSet, HashSet, VecDeque};

use reqwest::{Client, StatusCode};
use scraper::{Html, Node};

use crate::helpers::*;
use crate::on_both_backends;
use crate::pages::{browser, sign_in_with};

on_both_backends!(no_page_or_email_speaks_english_to_a_reader_of_another_language);

const ENGLISH: &str = include_str!("../../locales/en.ftl");

/// The literal runs of text of every message of a catalogue (the parts
/// between placeables, in every variant), whitespace collapsed.
fn literal_runs(source: &str) -> Vec<(String, String)> {
    use fluent_syntax::ast::{Entry, Expression, Pattern, PatternElement};
    fn walk(p: &Pattern<&str>, key: &str, out: &mut Vec<(String, String)>) {
        for element in &p.elements {
            match element {
                PatternElement::TextElement { value } => {
                    let run = value.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !run.is_empty() {
                        out.push((key.to_owned(), run));
                    }
                }
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        walk(&v.value, key, out);
                    }
                }
                PatternElement::Placeable { .. } => {}
            }
        }
    }
    let resource = fluent_syntax::parser::parse(source).expect("catalogue parses");
    let mut out = Vec::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            if let Some(value) = &m.value {
                walk(value, m.id.name, &mut out);
            }
            for a in &m.attributes {
                walk(&a.value, m.id.name, &mut out);
            }
        }
    }
    out
}

/// A run reads as an English sentence (or a phrase of one): two words or
/// more, of Latin letters.
fn is_sentence(run: &str) -> bool {
    let words = run
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .filter(|w| w.len() >= 2)
        .count();
    words >= 2
}

/// The English sentences no page in another language may hold.
fn english_sentences() -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    literal_runs(ENGLISH)
        .into_iter()
        .filter(|(_, run)| is_sentence(run))
        .filter(|(_, run)| seen.insert(run.clone()))
        .collect()
}

/// What a reader of the page reads in its language: its text outside
/// scripts and styles, and the labels of its controls and images; not what
/// the page marks as written in another language (`lang`), such as the
/// subject of an email to a reader of another language.
fn readable_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let page_lang = doc.root_element().attr("lang").unwrap_or("en").to_owned();
    let mut parts = Vec::new();
    for node in doc.tree.root().descendants() {
        let other_language = node
            .ancestors()
            .chain(std::iter::once(node))
            .filter_map(|a| a.value().as_element())
            .find_map(|e| e.attr("lang"))
            .is_some_and(|l| l != page_lang);
        if other_language {
            continue;
        }
        match node.value() {
            Node::Text(t) => {
                let hidden = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style"))
                });
                if !hidden {
                    parts.push(t.text.to_string());
                }
            }
            Node::Element(e) => {
                for attr in ["title", "aria-label", "placeholder", "alt"] {
                    if let Some(v) = e.attr(attr) {
                        parts.push(v.to_owned());
                    }
                }
                let is_button = e.name() == "input"
                    && matches!(e.attr("type"), Some("submit" | "button" | "reset"));
                if is_button {
                    parts.extend(e.attr("value").map(str::to_owned));
                }
            }
            _ => {}
        }
    }
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text without what TSB and the users wrote themselves (titles of
/// consultations and drafts, names of users), which is in the language
/// they chose.
fn without_data(mut text: String, data: &[String]) -> String {
    for d in data {
        text = text.replace(d.as_str(), " ");
    }
    text
}

/// The demo's own texts, longest first (a title may hold a shorter one).
async fn data_of(app: &TestApp, token: &str) -> Vec<String> {
    let mut data = Vec::new();
    let (_, list) = app.list_consultations(Some(token)).await;
    for c in list["items"].as_array().or(list.as_array()).unwrap() {
        data.extend(c["title"].as_str().map(str::to_owned));
        for d in c["drafts"].as_array().into_iter().flatten() {
            data.extend(d["title"].as_str().map(str::to_owned));
        }
    }
    let (_, users) = app.list_users(Some(token)).await;
    for u in users["items"].as_array().or(users.as_array()).unwrap() {
        data.extend(u["name"].as_str().map(str::to_owned));
    }
    assert!(data.len() > 10, "demo data: {data:?}");
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    data
}

/// The same-site links of a page worth reading as pages.
fn links(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let a = scraper::Selector::parse("a[href]").expect("selector");
    doc.select(&a)
        .filter_map(|e| e.value().attr("href"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or(h).to_owned())
        .filter(|h| {
            // Not the switcher (it changes the language under test), not
            // sign-out, not the API or its reference, not downloads.
            let skip = ["/language/", "/sign-out", "/api/", "/static/"];
            !skip.iter().any(|s| h.starts_with(s))
                && !h.contains("format=")
                && !h.ends_with(".ics")
                && !h.ends_with("/bulletin")
        })
        .collect()
}

/// GET a path: its status and, for an HTML page, its text (else empty).
async fn get_text(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let r = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let is_html = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let body = if is_html {
        r.text().await.unwrap()
    } else {
        String::new()
    };
    (status, body)
}

/// Reads every page reachable from `start`; returns the pages read and the
/// English sentences found, as `path: "sentence" (key)`.
async fn crawl(
    app: &TestApp,
    client: &Client,
    lang: &str,
    start: &[String],
    english: &[(String, String)],
    data: &[String],
) -> (usize, BTreeSet<String>) {
    const MAX_PAGES: usize = 400;
    let mut queue: VecDeque<String> = start.iter().cloned().collect();
    let mut seen: HashSet<String> = queue.iter().cloned().collect();
    let mut leaks = BTreeSet::new();
    let mut read = 0;
    while let Some(path) = queue.pop_front() {
        let (status, html) = get_text(app, client, &path).await;
        assert!(!status.is_server_error(), "{path}: {status}");
        if html.is_empty() {
            continue;
        }
        read += 1;
        assert!(
            html.contains(&format!("<html lang=\"{lang}\"")),
            "{path} is not in {lang}"
        );
        let text = without_data(readable_text(&html), data);
        for (key, sentence) in english {
            if text.contains(sentence.as_str()) {
                leaks.insert(format!("{lang} {path}: \"{sentence}\" ({key})"));
            }
        }
        for link in links(&html) {
            if seen.len() < MAX_PAGES && seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
    }
    (read, leaks)
}

async fn no_page_or_email_speaks_english_to_a_reader_of_another_language(app: TestApp) {
    app.clock.set(chrono::Utc::now());
    let (mail, log) = (app.state.mail.clone(), app.state.log.clone());
    app.state
        .run(move |conn, clock| tapballot::demo::seed(conn, clock, &mail, &log))
        .await
        .expect("demo data");
    let (tsb, che) = (&tapballot::demo::ACCOUNTS[0], &tapballot::demo::ACCOUNTS[1]);
    let token = login(&app.client, &app.base, tsb.email, tsb.password).await;
    let data = data_of(&app, &token).await;
    let refusals = [
        "/no-such-page".to_owned(),
        "/consultations/00000000-0000-0000-0000-000000000000".to_owned(),
    ];
    let english = english_sentences();
    assert!(english.len() > 300, "{} English sentences", english.len());
    let mut leaks = BTreeSet::new();
    for lang in ["ar", "zh", "fr", "ru", "es"] {
        for (account, extra) in [(tsb, &["/tsb/users".to_owned()][..]), (che, &[][..])] {
            let client = browser();
            get_text(&app, &client, &format!("/language/{lang}?back=/sign-in")).await;
            let (_, sign_in) = get_text(&app, &client, "/sign-in").await;
            let sign_in = readable_text(&sign_in);
            for (key, sentence) in &english {
                if sign_in.contains(sentence.as_str()) {
                    leaks.insert(format!("{lang} /sign-in: \"{sentence}\" ({key})"));
                }
            }
            sign_in_with(&app, &client, account.email, account.password).await;
            let start: Vec<String> = ["/".to_owned(), "/home".to_owned(), "/account".to_owned()]
                .iter()
                .chain(extra)
                .chain(&refusals)
                .cloned()
                .collect();
            let (read, found) = crawl(&app, &client, lang, &start, &english, &data).await;
            // The demo reaches its consultations, replies, tallies, receipts
            // and histories: a crawl that stopped early would prove nothing.
            let least = if account.role == tapballot::auth::Role::Tsb {
                30
            } else {
                10
            };
            assert!(read >= least, "{lang} {}: only {read} pages", account.email);
            leaks.extend(found);
        }
    }

    // The emails the demo queued, each in its reader's language.
    let emails = app.outbox();
    let others: Vec<_> = emails.iter().filter(|e| e.language != "en").collect();
    assert!(
        others.len() >= 4,
        "{} emails in other languages",
        others.len()
    );
    for e in others {
        let text = without_data(
            format!(
                "{} {} {}",
                e.subject,
                e.body_text.split_whitespace().collect::<Vec<_>>().join(" "),
                readable_text(&e.body_html)
            ),
            &data,
        );
        for (key, sentence) in &english {
            if text.contains(sentence.as_str()) {
                leaks.insert(format!(
                    "{} email {} to {}: \"{sentence}\" ({key})",
                    e.language, e.kind, e.recipient
                ));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "English in other languages:\n{}",
        leaks.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn a_sentence_is_found_and_a_name_is_not() {
    let fr = english_sentences();
    assert!(fr.iter().any(|(k, _)| k == "error-not-found"));
    assert!(!fr.iter().any(|(_, run)| run == "tapballot"));
    let text = readable_text(
        "<html><head><style>p{}</style><script>var a = 'This page does not exist';</script></head>\
         <body><p>Bonjour <b>le</b>\n monde</p><input type=submit value=\"Envoyer\"><img alt=\"Logo UIT\"></body></html>",
    );
    assert_eq!(text, "Bonjour le monde Envoyer Logo UIT");
    assert_eq!(
        links("<a href=\"/a#x\">a</a><a href=\"//evil\">b</a><a href=\"/language/fr\">c</a><a href=\"/x?format=csv\">d</a>"),
        vec!["/a".to_owned()]
    );
}
