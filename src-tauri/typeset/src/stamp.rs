//! A finished PDF's document information: the history entry it was made
//! at (a key of its own), its dates and file identifier made from the
//! records rather than the clock, so the same records print the same bytes.

use crate::TypesetError;

/// `pdf` with `key` set to `value` in its document information dictionary
/// (a key of its own, as PDF 32000 14.3.3 allows), written as `finish` writes.
pub fn with_info(pdf: &[u8], key: &str, value: &str) -> Result<Vec<u8>, TypesetError> {
    stamped(pdf, key, value, None)
}

/// As [`with_info`], and, given `made` (UTC: year, month, day, hour,
/// minute, second), dated then instead of when it was typeset, its file
/// identifier's two halves equal: the same records print the same bytes.
pub fn stamped(pdf: &[u8], key: &str, value: &str, made: Option<[u32; 6]>) -> Result<Vec<u8>, TypesetError> {
    let fail = |e: lopdf::Error| TypesetError::Layout(format!("cannot write the PDF: {e}"));
    let mut lo = lopdf::Document::load_mem(pdf).map_err(fail)?;
    // The cross-reference stream read in stays an object of its own once
    // loaded: without it, saving writes a new one and no stale copy (with
    // the old file identifier) beside it.
    // So do the object streams read in (they are written anew).
    lo.objects.retain(|_, o| {
        !matches!(o, lopdf::Object::Stream(s)
            if s.dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|t| t == b"XRef" || t == b"ObjStm"))
    });
    let mut entries = vec![(key.to_owned(), lopdf::Object::string_literal(value))];
    if let Some([y, mo, d, h, mi, s]) = made {
        let date = format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}+00'00'");
        for k in ["CreationDate", "ModDate"] {
            entries.push((k.to_owned(), lopdf::Object::string_literal(date.as_str())));
        }
        // The identifier printpdf draws at random, made from what the
        // document holds: its streams and the value stamped.
        let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h = (h ^ u128::from(*b)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
            }
        };
        eat(value.as_bytes());
        for object in lo.objects.values() {
            if let lopdf::Object::Stream(stream) = object {
                eat(&stream.content);
            }
        }
        let id = lopdf::Object::String(h.to_be_bytes().to_vec(), lopdf::StringFormat::Hexadecimal);
        lo.trailer.set("ID", vec![id.clone(), id]);
    }
    let info = match lo.trailer.get(b"Info").and_then(lopdf::Object::as_reference) {
        Ok(id) => id,
        Err(_) => {
            let id = lo.add_object(lopdf::Dictionary::new());
            lo.trailer.set("Info", id);
            id
        }
    };
    let dict = lo.get_object_mut(info).and_then(|o| o.as_dict_mut()).map_err(fail)?;
    for (k, v) in entries {
        dict.set(k, v);
    }
    save(lo)
}

/// The value of `key` in a PDF's document information dictionary, if any.
pub fn info(pdf: &[u8], key: &str) -> Option<String> {
    let lo = lopdf::Document::load_mem(pdf).ok()?;
    let id = lo.trailer.get(b"Info").and_then(lopdf::Object::as_reference).ok()?;
    let dict = lo.get_object(id).and_then(|o| o.as_dict()).ok()?;
    let bytes = dict.get(key.as_bytes()).and_then(|o| o.as_str()).ok()?;
    String::from_utf8(bytes.to_vec()).ok()
}

/// The bytes of a finished document: object streams (page dictionaries and
/// link annotations compressed too) and an xref stream.
pub(crate) fn save(mut lo: lopdf::Document) -> Result<Vec<u8>, TypesetError> {
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(9)
        .build();
    let mut out = Vec::new();
    lo.save_with_options(&mut out, options)
        .map_err(|e| TypesetError::Layout(format!("cannot write the PDF: {e}")))?;
    Ok(out)
}
