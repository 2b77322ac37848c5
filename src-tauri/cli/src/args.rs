//! Argument values shared by the command families: dates, today, and files
//! read from a path or standard input.

use std::collections::BTreeMap;
use std::path::Path;

use prongsai_core::{CoreError, doc};

/// Dates: ISO (2023-04-05) or with a Buddhist Era year (5/4/2566).
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    prongsai_core::assets::import::parse_register_date(s).map_err(|e| e.to_string())
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A UTF-8 text file of at most a report file's size ("-": standard input).
pub fn read_input(file: &Path) -> Result<String, CoreError> {
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        buf
    } else {
        std::fs::read(file).map_err(|e| CoreError::Io(format!("cannot read {}: {e}", file.display())))?
    };
    if bytes.len() > doc::MAX_DOC_BYTES {
        return Err(CoreError::MalformedImport {
            path: "$".into(),
            message: format!("file is larger than {} bytes", doc::MAX_DOC_BYTES),
        });
    }
    String::from_utf8(bytes).map_err(|e| CoreError::MalformedImport {
        path: "$".into(),
        message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
    })
}

/// A column mapping file: a JSON object from the file's headers to field names.
pub fn read_mapping(file: &Path) -> Result<BTreeMap<String, String>, CoreError> {
    serde_json::from_str(&read_input(file)?).map_err(|e| CoreError::MalformedImport {
        path: file.display().to_string(),
        message: format!("the mapping is not a JSON object of header → field: {e}"),
    })
}
