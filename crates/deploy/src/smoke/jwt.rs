//! Just enough JWT for the walkthrough: decode, verify an RS256 signature against a JWKS
//! (with `ring`, which rustls already brings), and forge a tampered copy.

use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE_NO_PAD, URL_SAFE_NO_PAD_INDIFFERENT};
use serde_json::Value;

/// A decoded (not yet verified) JSON Web Token.
#[derive(Debug, Clone)]
pub struct Jwt {
    /// The JOSE header.
    pub header: Value,
    /// The claims.
    pub claims: Value,
    signing_input: String,
    signature: Vec<u8>,
}

fn part(text: &str, what: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD_INDIFFERENT
        .decode(text)
        .map_err(|e| format!("the {what} is not base64url: {e}"))
}

fn json_part(text: &str, what: &str) -> Result<Value, String> {
    let bytes = part(text, what)?;
    let value: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("the {what} is not JSON: {e}"))?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(format!("the {what} is not a JSON object"))
    }
}

/// Splits and decodes a compact JWS.
pub fn decode(token: &str) -> Result<Jwt, String> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("not three dot-separated parts".into());
    };
    Ok(Jwt {
        header: json_part(h, "header")?,
        claims: json_part(p, "payload")?,
        signing_input: format!("{h}.{p}"),
        signature: part(s, "signature")?,
    })
}

/// Verifies an RS256 token with the key of its `kid` in a JWKS (`{"keys": [...]}`).
/// Returns the `kid`.
pub fn verify_rs256(jwt: &Jwt, jwks: &Value) -> Result<String, String> {
    let alg = jwt.header.get("alg").and_then(Value::as_str);
    if alg != Some("RS256") {
        return Err(format!("alg is {alg:?}, not RS256"));
    }
    let kid = jwt
        .header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or("the header has no kid")?;
    let key = jwks
        .get("keys")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))
        .ok_or_else(|| format!("the JWKS has no key {kid}"))?;
    if key.get("kty").and_then(Value::as_str) != Some("RSA") {
        return Err(format!("key {kid} is not an RSA key"));
    }
    let component = |name: &str| -> Result<Vec<u8>, String> {
        let text = key
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("key {kid} has no {name}"))?;
        part(text, &format!("key's {name}"))
    };
    let public = ring::signature::RsaPublicKeyComponents {
        n: component("n")?,
        e: component("e")?,
    };
    public
        .verify(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            jwt.signing_input.as_bytes(),
            &jwt.signature,
        )
        .map_err(|_| format!("the signature does not verify with key {kid}"))?;
    Ok(kid.to_owned())
}

/// A copy of `token` whose payload claims `scope` and lives an hour longer, with the
/// original header and signature: what a forger would send.
pub fn tamper(token: &str, scope: &str) -> Result<String, String> {
    let jwt = decode(token)?;
    let mut claims = jwt.claims;
    claims["scope"] = Value::from(scope);
    if let Some(exp) = claims.get("exp").and_then(Value::as_i64) {
        claims["exp"] = Value::from(exp.saturating_add(3600));
    }
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err("not three dot-separated parts".into());
    };
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    Ok(format!("{header}.{payload}.{signature}"))
}

/// The issuer of a pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<poolId>`
/// (a pool id is `<region>_<id>`).
pub fn issuer_of_pool(pool_id: &str) -> Option<String> {
    let (region, id) = pool_id.split_once('_')?;
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (plain(region) && plain(id))
        .then(|| format!("https://cognito-idp.{region}.amazonaws.com/{pool_id}"))
}

/// Whether `iss` is a Cognito user pool issuer (so its JWKS may be fetched from it).
pub fn is_pool_issuer(iss: &str) -> bool {
    iss.rsplit_once('/')
        .and_then(|(_, pool)| issuer_of_pool(pool))
        .is_some_and(|expected| expected == iss)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use super::*;

    // An RS256 token and the JWKS of its 2048-bit key, made once with Python's
    // `cryptography` (the emulator's signer) for these tests; the private key is gone.
    const TOKEN: &str = include_str!("testdata/token.txt");
    const JWKS: &str = include_str!("testdata/jwks.json");

    fn jwks() -> Value {
        serde_json::from_str(JWKS).unwrap()
    }

    #[test]
    fn a_genuine_token_verifies() {
        let jwt = decode(TOKEN.trim()).unwrap();
        assert_eq!(jwt.claims["token_use"], "access");
        assert_eq!(verify_rs256(&jwt, &jwks()).unwrap(), "test-key");
    }

    #[test]
    fn a_tampered_token_does_not() {
        let forged = tamper(TOKEN.trim(), "rs/read rs/write").unwrap();
        let jwt = decode(&forged).unwrap();
        assert_eq!(jwt.claims["scope"], "rs/read rs/write");
        let e = verify_rs256(&jwt, &jwks()).unwrap_err();
        assert!(e.contains("does not verify"), "{e}");
    }

    #[test]
    fn unknown_kids_and_other_algorithms_are_refused() {
        let jwt = decode(TOKEN.trim()).unwrap();
        let e = verify_rs256(&jwt, &serde_json::json!({"keys": []})).unwrap_err();
        assert!(e.contains("no key test-key"), "{e}");
        let mut none = jwt;
        none.header["alg"] = "none".into();
        assert!(
            verify_rs256(&none, &jwks())
                .unwrap_err()
                .contains("not RS256")
        );
        assert!(decode("a.b").is_err());
        assert!(decode("e30.e30.!!").is_err());
    }

    #[test]
    fn pool_issuers() {
        assert_eq!(
            issuer_of_pool("eu-west-1_AbC12").as_deref(),
            Some("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC12")
        );
        assert_eq!(issuer_of_pool("nounderscore"), None);
        assert_eq!(issuer_of_pool("a_b/../c"), None);
        assert!(is_pool_issuer(
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC12"
        ));
        assert!(!is_pool_issuer("https://evil.example/eu-west-1_AbC12"));
        assert!(!is_pool_issuer(
            "https://cognito-idp.eu-west-1.amazonaws.com.evil/eu-west-1_AbC12"
        ));
    }
}
