//! Everything the CLI prints: one line per fact on standard output, JSON
//! when asked, errors as one line on standard error. Commands say what
//! happened through [`Out`]; none of them formats on its own.

use std::io::{StdoutLock, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use prongsai_core::CoreError;
use prongsai_core::documents::Exported;

/// How a list is printed.
#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// Standard output, locked for the command's run.
pub struct Out {
    out: StdoutLock<'static>,
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            out: std::io::stdout().lock(),
        }
    }

    /// One line.
    pub fn line(&mut self, text: impl std::fmt::Display) -> Result<(), CoreError> {
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    /// A value as pretty JSON.
    pub fn json(&mut self, value: &impl serde::Serialize) -> Result<(), CoreError> {
        self.line(serde_json::to_string_pretty(value).expect("serialises"))
    }

    /// Bytes exactly as given (a report file).
    pub fn raw(&mut self, bytes: &[u8]) -> Result<(), CoreError> {
        self.out.write_all(bytes)?;
        Ok(())
    }

    /// A list: JSON, or one line per item.
    pub fn list<T: serde::Serialize>(
        &mut self,
        format: ListFormat,
        items: &[T],
        text: impl Fn(&T) -> String,
    ) -> Result<(), CoreError> {
        match format {
            ListFormat::Json => self.json(&items),
            ListFormat::Text => items.iter().try_for_each(|i| self.line(text(i))),
        }
    }

    /// A file written by an export.
    pub fn wrote(&mut self, done: &Exported) -> Result<(), CoreError> {
        if done.font_missing {
            note(
                "warning: the font file chosen (org set-font) cannot be read now; \
                 the document is set in the Sarabun built in",
            );
        }
        self.line(format_args!("wrote {} ({} bytes)", done.path, done.bytes))
    }

    /// How an import read its file (encoding, sheet, header row, rounding).
    pub fn read_notes(&mut self, notes: &[String]) -> Result<(), CoreError> {
        notes.iter().try_for_each(|n| self.line(format_args!("read: {n}")))
    }

    /// How an import read `file` (its notes), then the refusal of the file
    /// as a whole: the check's problem, or no preview at all, is the error.
    /// The preview, to go on with.
    pub fn import_check<P>(
        &mut self,
        file: &Path,
        notes: &[String],
        problem: Option<String>,
        preview: Option<P>,
    ) -> Result<P, CoreError> {
        self.read_notes(notes)?;
        if let Some(problem) = problem {
            return Err(malformed(file, problem));
        }
        preview.ok_or_else(|| malformed(file, "the file could not be checked".into()))
    }

    /// A row an import refused, with the column at fault.
    pub fn row_error(&mut self, row: usize, column: Option<&str>, message: &str) -> Result<(), CoreError> {
        match column {
            Some(c) => self.line(format_args!("row {row} ({c}): {message}")),
            None => self.line(format_args!("row {row}: {message}")),
        }
    }

    pub fn flush(&mut self) -> Result<(), CoreError> {
        self.out.flush()?;
        Ok(())
    }
}

/// An import file refused, with why.
pub fn malformed(file: &Path, message: String) -> CoreError {
    CoreError::MalformedImport {
        path: file.display().to_string(),
        message,
    }
}

/// A warning on standard error (the command still succeeds).
pub fn note(text: impl std::fmt::Display) {
    eprintln!("prongsai-cli: {text}");
}

/// An error as one line on standard error, and the exit code.
pub fn fail(e: &CoreError) -> ExitCode {
    // The reader went away (`… | head -1`): what it wanted was written.
    if let CoreError::Io(m) = e
        && m.to_lowercase().contains("broken pipe")
    {
        return ExitCode::SUCCESS;
    }
    // One line, whatever the message holds.
    let msg = e.to_string().replace(['\n', '\r'], " ");
    eprintln!("prongsai-cli: error: {msg}");
    ExitCode::FAILURE
}
