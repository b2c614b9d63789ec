// One portable schema for SQLite and PostgreSQL: only types that diesel's
// MultiConnection supports on both (no Bool: flags are Integer 0/1).

diesel::table! {
    member_states (iso3) {
        iso3 -> Text,
        iso2 -> Text,
        name_en -> Text,
        itu_name_en -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        role -> Text,
        member_state -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        language -> Text,
        token_version -> Integer,
        created_at -> Timestamp,
        deactivated_at -> Nullable<Timestamp>,
        session_version -> Integer,
    }
}

diesel::table! {
    app_settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    consultations (id) {
        id -> Text,
        reference -> Text,
        study_group -> Text,
        title -> Text,
        deadline -> Text,
        time_zone -> Text,
        closes_at -> Timestamp,
        meeting_starts_on -> Nullable<Date>,
        meeting_ends_on -> Nullable<Date>,
        meeting_place -> Nullable<Text>,
        created_at -> Timestamp,
        created_by -> Text,
        sealed_at -> Nullable<Timestamp>,
        notice_sequence -> Integer,
        cancelled_at -> Nullable<Timestamp>,
        cancelled_by -> Nullable<Text>,
        cancellation_reason -> Nullable<Text>,
        certified_at -> Nullable<Timestamp>,
        certified_by -> Nullable<Text>,
    }
}

diesel::table! {
    drafts (id) {
        id -> Text,
        consultation_id -> Text,
        ordinal -> Integer,
        number -> Text,
        provisional_name -> Text,
        title -> Text,
        text_url -> Nullable<Text>,
    }
}

diesel::table! {
    replies (consultation_id, member_state) {
        consultation_id -> Text,
        member_state -> Text,
        current_revision -> Integer,
        updated_at -> Nullable<Timestamp>,
        current_revision_id -> Nullable<Text>,
    }
}

diesel::table! {
    reply_revisions (id) {
        id -> Text,
        consultation_id -> Text,
        member_state -> Text,
        revision -> Integer,
        received_at -> Timestamp,
        receipt -> Text,
        entered_by -> Text,
        on_behalf -> Integer,
        source_note -> Nullable<Text>,
        entered_at -> Timestamp,
        late -> Integer,
        responses_digest -> Nullable<Binary>,
    }
}

diesel::table! {
    reply_responses (revision_id, draft_id) {
        revision_id -> Text,
        draft_id -> Text,
        position -> Text,
        reasons -> Nullable<Text>,
        comments -> Nullable<Text>,
    }
}

diesel::table! {
    decisions (consultation_id, draft_id) {
        consultation_id -> Text,
        draft_id -> Text,
        outcome -> Text,
        decided_on -> Date,
        deferred_until -> Nullable<Date>,
        note -> Nullable<Text>,
        recorded_at -> Timestamp,
        recorded_by -> Text,
    }
}

diesel::table! {
    decision_positions (consultation_id, draft_id, member_state, kind) {
        consultation_id -> Text,
        draft_id -> Text,
        member_state -> Text,
        kind -> Text,
        text -> Nullable<Text>,
    }
}

diesel::joinable!(drafts -> consultations (consultation_id));
diesel::joinable!(decisions -> drafts (draft_id));
diesel::joinable!(reply_responses -> reply_revisions (revision_id));
diesel::joinable!(reply_responses -> drafts (draft_id));
diesel::joinable!(users -> member_states (member_state));

diesel::allow_tables_to_appear_in_same_query!(
    member_states,
    users,
    app_settings,
    consultations,
    drafts,
    replies,
    reply_revisions,
    reply_responses,
    decisions,
    decision_positions,
);

diesel::table! {
    emails (id) {
        id -> Text,
        message_id -> Text,
        kind -> Text,
        dedupe_key -> Nullable<Text>,
        recipient -> Text,
        language -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        ics -> Nullable<Text>,
        consultation_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        smtp_response -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        lease_token -> Nullable<Text>,
        priority -> Integer,
        context -> Nullable<Text>,
        shared_context_id -> Nullable<Text>,
    }
}

diesel::table! {
    email_contexts (id) {
        id -> Text,
        context -> Text,
    }
}

diesel::table! {
    password_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(emails, consultations, email_contexts);
diesel::allow_tables_to_appear_in_same_query!(password_tokens, users);

diesel::table! {
    consultation_notices (consultation_id, notice) {
        consultation_id -> Text,
        notice -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_client_failures (id) {
        id -> Text,
        client -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_failures (id) {
        id -> Text,
        email -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor -> Text,
        action -> Text,
        subject -> Text,
        detail -> Text,
    }
}

diesel::table! {
    log_entries (leaf_index) {
        leaf_index -> BigInt,
        kind -> Text,
        consultation_id -> Nullable<Text>,
        member_state -> Nullable<Text>,
        record_id -> Text,
        entry -> Text,
        hashes -> Binary,
        checkpoint -> Text,
        appended_at -> Timestamp,
    }
}

diesel::table! {
    log_head (id) {
        id -> Integer,
        tree_size -> BigInt,
        frontier -> Binary,
    }
}

diesel::table! {
    log_queue (id) {
        id -> BigInt,
        kind -> Text,
        consultation_id -> Nullable<Text>,
        member_state -> Nullable<Text>,
        record_id -> Text,
        entry -> Text,
        queued_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(log_entries, reply_revisions);
diesel::allow_tables_to_appear_in_same_query!(log_queue, reply_revisions);
diesel::allow_tables_to_appear_in_same_query!(log_entries, log_queue);
