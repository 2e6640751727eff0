//! Rust names for CloudFormation names.

/// Words that must not be split or lowercased letter by letter.
const WORDS: &[(&str, &str)] = &[("OAuth", "Oauth")];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "unsafe", "use", "where", "while", "yield", "abstract", "become", "box", "do", "final",
    "macro", "override", "priv", "typeof", "unsized", "virtual",
];

/// The words of a CamelCase name: acronyms stay whole (`ProviderARNs` -> `Provider`,
/// `ARNs`; `KMSKeyID` -> `KMS`, `Key`, `ID`) and digits stay with the word before them
/// (`PrimaryRoute53HealthCheckId`).
pub fn words(name: &str) -> Vec<String> {
    let mut name = name.to_owned();
    for (word, camel) in WORDS {
        name = name.replace(word, camel);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if i > 0 && c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let starts_word = prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && starts_lowercase_word(&chars[i + 1..]));
            if starts_word {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Whether an uppercase letter followed by `rest` starts a word after an acronym: it does
/// when lowercase letters follow, except a lone plural `s` (`ARNs`, `URLs`).
fn starts_lowercase_word(rest: &[char]) -> bool {
    let lower = rest.iter().take_while(|c| c.is_lowercase()).count();
    let plural_s = lower == 1 && rest[0] == 's';
    lower > 0 && !plural_s
}

/// `snake_case` of a CloudFormation name, never a keyword (`Type` -> `type_`).
pub fn snake_case(name: &str) -> String {
    let snake = words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// `UpperCamelCase` of a CloudFormation name (`ProviderURL` -> `ProviderUrl`).
pub fn upper_camel(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// The variant name of an enum value: `SOFTWARE_TOKEN_MFA` -> `SoftwareTokenMfa`,
/// `DateTime` -> `DateTime`, `TLS_V1_2_2021` -> `TlsV1_2_2021`, `0.5` -> `{prefix}0_5`.
pub fn variant(value: &str, digit_prefix: Option<&str>) -> Result<String, String> {
    let mut out = String::new();
    for part in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let part =
            if part.chars().any(|c| c.is_lowercase()) && part.chars().any(|c| c.is_uppercase()) {
                upper_camel(part) // already CamelCase, e.g. DateTime
            } else {
                capitalize(part)
            };
        let joins_digits = out.ends_with(|c: char| c.is_ascii_digit())
            && part.starts_with(|c: char| c.is_ascii_digit());
        if joins_digits {
            out.push('_');
        }
        out.push_str(&part);
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        let prefix = digit_prefix.ok_or_else(|| {
            format!(
                "enum value `{value}` starts with a digit: add a prefix to DIGIT_VARIANT_PREFIXES"
            )
        })?;
        out.insert_str(0, prefix);
    }
    if out.is_empty() {
        return Err(format!("enum value `{value}` has no letters or digits"));
    }
    Ok(out)
}

/// The singular of a plural property name, for the enum of its items (`AliasAttributes`).
pub fn singular(name: &str) -> &str {
    match name.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') => stem,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keeps_acronyms_whole() {
        let cases = [
            ("ProviderARNs", "provider_arns"),
            ("CallbackURLs", "callback_urls"),
            ("AllowedOAuthFlows", "allowed_oauth_flows"),
            (
                "AllowedOAuthFlowsUserPoolClient",
                "allowed_oauth_flows_user_pool_client",
            ),
            ("DefaultRedirectURI", "default_redirect_uri"),
            ("KMSKeyID", "kms_key_id"),
            ("SMSMessage", "sms_message"),
            ("ETag", "e_tag"),
            (
                "PrimaryRoute53HealthCheckId",
                "primary_route53_health_check_id",
            ),
            ("S3Location", "s3_location"),
            ("WebAuthnRelyingPartyID", "web_authn_relying_party_id"),
            ("UserPoolId", "user_pool_id"),
            ("Type", "type_"),
        ];
        for (name, snake) in cases {
            assert_eq!(snake_case(name), snake, "{name}");
        }
    }

    #[test]
    fn upper_camel_and_variants() {
        assert_eq!(upper_camel("ProviderURL"), "ProviderUrl");
        assert_eq!(
            variant("SOFTWARE_TOKEN_MFA", None).as_deref(),
            Ok("SoftwareTokenMfa")
        );
        assert_eq!(variant("DateTime", None).as_deref(), Ok("DateTime"));
        assert_eq!(
            variant("TLS_V1_2_2021", None).as_deref(),
            Ok("TlsV1_2_2021")
        );
        assert_eq!(variant("V1_0", None).as_deref(), Ok("V1_0"));
        assert_eq!(
            variant("client_credentials", None).as_deref(),
            Ok("ClientCredentials")
        );
        assert_eq!(variant("0.5", Some("Gb")).as_deref(), Ok("Gb0_5"));
        assert!(variant("118", None).is_err());
        assert_eq!(singular("AliasAttributes"), "AliasAttribute");
        assert_eq!(singular("Address"), "Address");
    }
}
