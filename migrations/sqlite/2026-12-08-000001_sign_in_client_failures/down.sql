DROP TABLE sign_in_client_failures;
