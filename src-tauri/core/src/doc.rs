//! Reading and writing the report interchange file ([`ReportDoc`]).
//!
//! Parsing is strict: unknown fields, wrong types, empty required text and
//! bad values are refused with the JSON path of the fault
//! (`measures[2].results[0].text: must not be empty`). A document that
//! passes [`parse`] is normalised (digits, white space) and safe to apply.

use base64::Engine;

use crate::change::{clean_line, clean_text};
use crate::domain::{DOC_FORMAT, DOC_VERSION, Evidence, ReportDoc};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::thai;

/// Largest import file accepted (bytes). The sample is 20 KB; images are
/// base64 inside, so leave room for a few infographics.
pub const MAX_DOC_BYTES: usize = 64 * 1024 * 1024;

/// Largest image accepted as evidence (decoded bytes).
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

const IMAGE_MIMES: &[&str] = &["image/png", "image/jpeg", "image/svg+xml"];

fn malformed(path: impl Into<String>, message: impl Into<String>) -> CoreError {
    CoreError::MalformedImport {
        path: path.into(),
        message: message.into(),
    }
}

/// Parses and validates a report file.
pub fn parse(json: &str) -> Result<ReportDoc> {
    if json.len() > MAX_DOC_BYTES {
        return Err(malformed("$", format!("file is larger than {MAX_DOC_BYTES} bytes")));
    }
    let de = &mut serde_json::Deserializer::from_str(json);
    let doc: ReportDoc = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path.is_empty() || path == "." || path == "?" {
            "$".to_owned()
        } else {
            path
        };
        malformed(path, e.into_inner().to_string())
    })?;
    normalize(doc)
}

/// The file form: pretty JSON with a final newline. Stable byte for byte for
/// the same report.
pub fn to_json(doc: &ReportDoc) -> String {
    let mut s = serde_json::to_string_pretty(doc).expect("a ReportDoc always serialises");
    s.push('\n');
    s
}

/// Validates a document and returns it in storage form.
pub fn normalize(mut doc: ReportDoc) -> Result<ReportDoc> {
    if doc.format != DOC_FORMAT {
        return Err(malformed(
            "format",
            format!("expected \"{DOC_FORMAT}\", found \"{}\"", doc.format),
        ));
    }
    if doc.version != DOC_VERSION {
        return Err(malformed(
            "version",
            format!(
                "version {} is not supported (this Prongsai reads version {DOC_VERSION})",
                doc.version
            ),
        ));
    }
    // Field-level checks, each error prefixed by its JSON path.
    let at = |path: String| move |e: CoreError| malformed(path, strip_field(&e));
    let o = &mut doc.organization;
    o.name_th = clean_line("name_th", &o.name_th, true).map_err(at("organization.name_th".into()))?;
    o.name_en = clean_line("name_en", &o.name_en, false).map_err(at("organization.name_en".into()))?;
    o.ministry = clean_line("ministry", &o.ministry, false).map_err(at("organization.ministry".into()))?;
    o.doc_prefix = clean_line("doc_prefix", &o.doc_prefix, false).map_err(at("organization.doc_prefix".into()))?;
    o.phone = clean_line("phone", &o.phone, false).map_err(at("organization.phone".into()))?;
    for (i, d) in o.divisions.iter_mut().enumerate() {
        *d = clean_line("division", d, true).map_err(at(format!("organization.divisions[{i}]")))?;
    }
    for (i, c) in o.channels.iter_mut().enumerate() {
        c.value = clean_line("value", &c.value, true).map_err(at(format!("organization.channels[{i}].value")))?;
        c.unit = clean_line("unit", &c.unit, false).map_err(at(format!("organization.channels[{i}].unit")))?;
        c.note = clean_line("note", &c.note, false).map_err(at(format!("organization.channels[{i}].note")))?;
    }
    let y = &mut doc.year;
    thai::check_year_be(y.year_be).map_err(at("year.year_be".into()))?;
    for (i, item) in y.oit_items.iter_mut().enumerate() {
        item.code = clean_line("code", &item.code, true).map_err(at(format!("year.oit_items[{i}].code")))?;
        item.title = clean_line("title", &item.title, false).map_err(at(format!("year.oit_items[{i}].title")))?;
    }
    for (name, lines) in [("title", &mut y.title), ("heading", &mut y.heading)] {
        for (i, l) in lines.iter_mut().enumerate() {
            *l = clean_line(name, l, true).map_err(at(format!("year.{name}[{i}]")))?;
        }
    }
    y.part1_heading = clean_line("part1_heading", &y.part1_heading, false).map_err(at("year.part1_heading".into()))?;
    y.part2_heading = clean_line("part2_heading", &y.part2_heading, false).map_err(at("year.part2_heading".into()))?;
    for (i, c) in y.columns.iter_mut().enumerate() {
        *c = clean_line("column", c, true).map_err(at(format!("year.columns[{i}]")))?;
    }
    crate::domain::check_columns(&y.columns).map_err(at("year.columns".into()))?;
    for (mi, m) in doc.measures.iter_mut().enumerate() {
        let p = format!("measures[{mi}]");
        m.title = clean_text("title", &m.title, true).map_err(at(format!("{p}.title")))?;
        m.remarks = clean_text("remarks", &m.remarks, false).map_err(at(format!("{p}.remarks")))?;
        for (i, a) in m.activities.iter_mut().enumerate() {
            check_level(a.level, i, &format!("{p}.activities[{i}]"))?;
            a.text = clean_text("text", &a.text, true).map_err(at(format!("{p}.activities[{i}].text")))?;
        }
        for (i, r) in m.results.iter_mut().enumerate() {
            check_level(r.level, i, &format!("{p}.results[{i}]"))?;
            r.text = clean_text("text", &r.text, true).map_err(at(format!("{p}.results[{i}].text")))?;
            for (ei, e) in r.evidence.iter_mut().enumerate() {
                check_evidence(e).map_err(at(format!("{p}.results[{i}].evidence[{ei}]")))?;
            }
        }
    }
    for (i, t) in doc.outcomes.iter_mut().enumerate() {
        *t = clean_text("outcome", t, true).map_err(at(format!("outcomes[{i}]")))?;
    }
    let (from, to) = thai::fiscal_year_bounds(doc.year.year_be).map_err(at("year.year_be".into()))?;
    for (i, m) in doc.memos.iter_mut().enumerate() {
        let p = format!("memos[{i}]");
        m.number = clean_line("number", &m.number, true).map_err(at(format!("{p}.number")))?;
        if m.date < from || m.date > to {
            return Err(malformed(
                format!("{p}.date"),
                format!("{} is outside fiscal year {}", m.date, doc.year.year_be),
            ));
        }
        m.division = clean_line("division", &m.division, false).map_err(at(format!("{p}.division")))?;
        m.subject = clean_text("subject", &m.subject, true).map_err(at(format!("{p}.subject")))?;
        m.recipient = clean_line("recipient", &m.recipient, false).map_err(at(format!("{p}.recipient")))?;
        m.body = clean_text("body", &m.body, false).map_err(at(format!("{p}.body")))?;
        m.signer_name = clean_line("signer_name", &m.signer_name, false).map_err(at(format!("{p}.signer_name")))?;
        m.signer_position =
            clean_line("signer_position", &m.signer_position, false).map_err(at(format!("{p}.signer_position")))?;
    }
    let s = &mut doc.year.signatures;
    for (name, f) in [
        ("reporter_name", &mut s.reporter_name),
        ("reporter_position", &mut s.reporter_position),
        ("approver_name", &mut s.approver_name),
        ("approver_position", &mut s.approver_position),
    ] {
        *f = clean_line(name, f, false).map_err(at(format!("year.signatures.{name}")))?;
    }
    Ok(doc)
}

fn strip_field(e: &CoreError) -> String {
    match e {
        CoreError::Refused(Refusal::EmptyText { .. }) => "must not be empty".into(),
        CoreError::Refused(Refusal::TextTooLong { len, max, .. }) => {
            format!("too long: {len} characters (at most {max})")
        }
        other => other.to_string(),
    }
}

fn check_level(level: u8, index: usize, path: &str) -> Result<()> {
    match (level, index) {
        (0, _) => Ok(()),
        (1, 0) => Err(malformed(
            format!("{path}.level"),
            "a sub-item (level 1) needs an item before it",
        )),
        (1, _) => Ok(()),
        _ => Err(malformed(format!("{path}.level"), "level must be 0 or 1")),
    }
}

/// Validates and normalises one piece of evidence.
pub fn check_evidence(e: &mut Evidence) -> Result<()> {
    match e {
        Evidence::Memo { number, date, .. } => {
            *number = clean_line("memo number", number, true)?;
            let fy = thai::fiscal_year_of(*date);
            thai::check_year_be(fy).map_err(|_| Refusal::DateOutOfRange { date: *date })?;
        }
        Evidence::Url { url } => {
            *url = clean_line("url", url, true)?;
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
                return Err(Refusal::NotAUrl { text: url.clone() }.into());
            }
        }
        Evidence::Image { name, mime, data } => {
            *name = clean_line("image name", name, true)?;
            check_image(mime, data, "image")?;
        }
    }
    Ok(())
}

/// An image the PDF can embed: PNG, JPEG or SVG, base64, not too large, and
/// decodable.
pub fn check_image(mime: &str, data: &str, what: &str) -> Result<()> {
    if !IMAGE_MIMES.contains(&mime) {
        return Err(Refusal::ImageType {
            what: what.to_owned(),
            mime: mime.to_owned(),
        }
        .into());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|e| Refusal::ImageUnreadable {
            what: what.to_owned(),
            detail: format!("not base64: {e}"),
        })?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(Refusal::ImageTooLarge {
            what: what.to_owned(),
            bytes: bytes.len(),
            max: MAX_IMAGE_BYTES,
        }
        .into());
    }
    crate::typeset::Image::decode(&bytes).map_err(|e| Refusal::ImageUnreadable {
        what: what.to_owned(),
        detail: e.to_string(),
    })?;
    Ok(())
}

/// Standard base64, as images travel in report files and over IPC.
pub fn base64_encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Reads a PNG, JPEG or SVG file as an [`crate::domain::Emblem`]-shaped image.
pub fn read_image_file(file: &std::path::Path) -> Result<crate::domain::Emblem> {
    let bytes = std::fs::read(file).map_err(|e| CoreError::Io(format!("cannot read {}: {e}", file.display())))?;
    let mime = sniff_image(&bytes).ok_or_else(|| Refusal::NotAnImageFile {
        file: file.display().to_string(),
    })?;
    Ok(crate::domain::Emblem {
        mime: mime.to_owned(),
        data: base64_encode(&bytes),
    })
}

/// The MIME type of an image file by its first bytes.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if crate::typeset::pdf::is_svg(bytes) {
        Some("image/svg+xml")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> serde_json::Value {
        serde_json::json!({
            "format": "prongsai-report", "version": 1,
            "organization": { "name_th": "กรมทดสอบ" },
            "year": { "year_be": 2567 },
            "measures": [ { "title": "ม", "activities": [ { "text": "ก" } ],
                            "results": [ { "text": "ผล", "evidence": [ { "kind": "url", "url": "https://a.go.th/1" } ] } ] } ],
            "outcomes": [ "ดี" ]
        })
    }

    fn err_of(v: serde_json::Value) -> String {
        parse(&v.to_string()).unwrap_err().to_string()
    }

    #[test]
    fn minimal_document_parses() {
        let doc = parse(&minimal().to_string()).unwrap();
        assert_eq!(doc.measures[0].results[0].evidence.len(), 1);
    }

    #[test]
    fn faults_name_their_json_path() {
        let mut v = minimal();
        v["measures"][0]["results"][0]["text"] = "  ".into();
        assert_eq!(err_of(v), "measures[0].results[0].text: must not be empty");

        let mut v = minimal();
        v["measures"][0]["activities"][0]["text"] = 5.into();
        assert!(err_of(v).starts_with("measures[0].activities[0].text: invalid type"));

        let mut v = minimal();
        v["year"]["year_be"] = 2024.into();
        let e = err_of(v);
        assert!(e.starts_with("year.year_be: ") && e.contains("2567"), "{e}");

        let mut v = minimal();
        v["measures"][0]["results"][0]["evidence"][0]["url"] = "javascript:alert(1)".into();
        assert!(err_of(v).starts_with("measures[0].results[0].evidence[0]: "));

        let mut v = minimal();
        v["measures"][0]["bogus"] = 1.into();
        let e = err_of(v);
        assert!(e.starts_with("measures[0].bogus: unknown field `bogus`"), "{e}");

        let mut v = minimal();
        v["version"] = 9.into();
        assert!(err_of(v).starts_with("version: "));

        let e = parse("{ not json").unwrap_err().to_string();
        assert!(e.starts_with("$: "), "{e}");
    }
}
