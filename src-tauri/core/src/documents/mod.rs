//! The documents Prongsai prints, built on [`crate::typeset`]: the annual
//! report and the circular memo. Files are written atomically.

pub mod memo;
pub mod report;

use std::io::Write;
use std::path::Path;

use crate::error::{CoreError, Result};

pub use memo::memo_pdf;
pub use report::{ReportOptions, report_pdf};

impl From<crate::typeset::TypesetError> for CoreError {
    fn from(e: crate::typeset::TypesetError) -> Self {
        CoreError::InvalidInput(e.to_string())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename: a reader never sees half a file, and a failure leaves what was
/// there before.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| CoreError::Io(format!("cannot write {}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
