//! How a change is written into the history and read back. A change is its
//! JSON, except an asset import's rows: 100,000 assets make a 33 MB JSON,
//! so they go to `change_rows`, compressed with zstd, and the entry names
//! them by count and SHA-256 of their JSON
//! (`{"kind":"import_assets","stored_rows":{"count":…,"sha256":"…"}}`).
//! The hash chain covers the entry, so it covers the rows; reading them
//! back checks both. Entries written before schema v12 keep their rows
//! inline and read as they always did.

use std::io::Write;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::assets::AssetDoc;
use crate::change::Change;
use crate::error::{CoreError, Result};

/// zstd's default level: the rows compress about 20× at a few hundred MB/s.
const LEVEL: i32 = 3;

const STORED_PREFIX: &str = "{\"kind\":\"import_assets\",\"stored_rows\":";

/// A change as the log stores it: its entry's JSON, and the compressed
/// rows kept beside it, if any.
pub(super) struct Logged {
    pub json: String,
    pub rows: Option<Vec<u8>>,
}

#[derive(Deserialize)]
struct Stored {
    stored_rows: StoredRows,
}

#[derive(Deserialize)]
struct StoredRows {
    count: usize,
    sha256: String,
}

/// Hashes what passes through to `inner`.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The entry's JSON and the rows to keep beside it. An import's rows are
/// written straight into the compressor: no second copy of their JSON.
pub(super) fn write(change: &Change) -> Result<Logged> {
    match change {
        Change::ImportAssets { assets } => write_rows(assets),
        _ => Ok(Logged {
            json: serde_json::to_string(change).expect("a Change serialises"),
            rows: None,
        }),
    }
}

/// What [`write`] makes of `Change::ImportAssets { assets }`.
pub(super) fn write_rows(assets: &[AssetDoc]) -> Result<Logged> {
    let mut rows = RowsWriter::new()?;
    rows.push(assets)?;
    rows.finish()
}

/// [`write_rows`] a chunk at a time: an import makes its log form on
/// another thread as its rows arrive, while SQLite inserts them. The rows'
/// JSON goes straight into the compressor, byte for byte the JSON of the
/// whole list: no second copy of it.
pub(super) struct RowsWriter {
    out: std::io::BufWriter<Hashing<zstd::Encoder<'static, Vec<u8>>>>,
    count: usize,
}

impl RowsWriter {
    pub fn new() -> Result<RowsWriter> {
        let encoder = zstd::Encoder::new(Vec::new(), LEVEL)?;
        Ok(RowsWriter {
            out: std::io::BufWriter::with_capacity(
                1 << 16,
                Hashing {
                    inner: encoder,
                    hash: Sha256::new(),
                },
            ),
            count: 0,
        })
    }

    /// The next rows, in the import's order.
    pub fn push(&mut self, assets: &[AssetDoc]) -> Result<()> {
        for a in assets {
            self.out.write_all(if self.count == 0 { b"[" } else { b"," })?;
            serde_json::to_writer(&mut self.out, a).expect("assets serialise");
            self.count += 1;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<Logged> {
        self.out.write_all(if self.count == 0 { b"[]" } else { b"]" })?;
        let Hashing { inner, hash } = self
            .out
            .into_inner()
            .map_err(|e| CoreError::Io(e.into_error().to_string()))?;
        let data = inner.finish()?;
        Ok(Logged {
            json: format!(
                "{STORED_PREFIX}{{\"count\":{},\"sha256\":\"{}\"}}}}",
                self.count,
                hex(&hash.finalize())
            ),
            rows: Some(data),
        })
    }
}

/// The change history entry `id` records (`json` is its `change` column),
/// its rows read back from `change_rows` and checked against the entry.
pub(super) async fn read(conn: &mut SqliteConnection, id: i64, json: &str) -> Result<Change> {
    if !json.starts_with(STORED_PREFIX) {
        return serde_json::from_str(json)
            .map_err(|e| CoreError::Database(format!("history entry {id} is not a change: {e}")));
    }
    let stored: Stored = serde_json::from_str(json)
        .map_err(|e| CoreError::Database(format!("history entry {id} is not a change: {e}")))?;
    let data: Option<Vec<u8>> = sqlx::query_scalar("SELECT data FROM change_rows WHERE change_id = ?1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let data = data.ok_or_else(|| CoreError::Database(format!("history entry {id}: its rows are missing")))?;
    // Decompressing, hashing and parsing 100,000 rows takes a fifth of a
    // second: on a thread that may block, not the runtime's.
    let assets = tokio::task::spawn_blocking(move || rows(&data, &stored.stored_rows))
        .await
        .map_err(|e| CoreError::Database(format!("history entry {id}: its rows were not read: {e}")))?;
    let assets = assets.ok_or_else(|| {
        CoreError::Database(format!(
            "history entry {id}: its rows were changed after it was written"
        ))
    })?;
    Ok(Change::ImportAssets { assets })
}

/// The rows in `data` when they are the ones `stored` names.
fn rows(data: &[u8], stored: &StoredRows) -> Option<Vec<AssetDoc>> {
    let json = zstd::decode_all(data).ok()?;
    if hex(&Sha256::digest(&json)) != stored.sha256 {
        return None;
    }
    // Checked as UTF-8 in one SIMD pass, then parsed as text: from bytes,
    // serde_json checked each string on its own, a fifth of the reading.
    let json = simdutf8::basic::from_utf8(&json).ok()?;
    let assets: Vec<AssetDoc> = serde_json::from_str(json).ok()?;
    (assets.len() == stored.count).then_some(assets)
}

/// Keeps the rows of entry `id` beside it.
pub(super) async fn keep_rows(conn: &mut SqliteConnection, id: i64, data: &[u8]) -> Result<()> {
    sqlx::query("INSERT INTO change_rows (change_id, data) VALUES (?1, ?2)")
        .bind(id)
        .bind(data)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An asset numbered `n`, for the store's unit tests.
#[cfg(test)]
pub(super) fn test_asset(n: u32) -> AssetDoc {
    serde_json::from_value(serde_json::json!({
        "number": format!("7440-001-{n:04}/66"),
        "name": "เครื่องคอมพิวเตอร์",
        "category": "ครุภัณฑ์คอมพิวเตอร์",
        "acquired_on": "2023-04-05",
        "price": "25900.00",
        "useful_life": 5,
    }))
    .expect("an asset")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_imports_rows_are_named_by_count_and_hash_and_read_back() {
        let assets: Vec<AssetDoc> = (1..=3).map(test_asset).collect();
        let logged = write(&Change::ImportAssets { assets: assets.clone() }).unwrap();
        let inline = serde_json::to_string(&assets).unwrap();
        let sha = hex(&Sha256::digest(inline.as_bytes()));
        assert_eq!(
            logged.json,
            format!("{{\"kind\":\"import_assets\",\"stored_rows\":{{\"count\":3,\"sha256\":\"{sha}\"}}}}")
        );
        let stored: Stored = serde_json::from_str(&logged.json).unwrap();
        let data = logged.rows.unwrap();
        assert_eq!(rows(&data, &stored.stored_rows), Some(assets.clone()));

        // Other rows under the same name, or a count that does not match, are refused.
        let other = zstd::encode_all(serde_json::to_string(&assets[..2]).unwrap().as_bytes(), LEVEL).unwrap();
        assert_eq!(rows(&other, &stored.stored_rows), None);
        let wrong_count = StoredRows {
            count: 2,
            sha256: sha.clone(),
        };
        assert_eq!(rows(&data, &wrong_count), None);
        assert_eq!(rows(b"not zstd", &stored.stored_rows), None);
    }

    #[test]
    fn rows_written_a_chunk_at_a_time_are_the_whole_lists_json() {
        let assets: Vec<AssetDoc> = (1..=7).map(test_asset).collect();
        let whole = write_rows(&assets).unwrap();
        let mut chunked = RowsWriter::new().unwrap();
        for chunk in [&assets[..3], &assets[3..3], &assets[3..6], &assets[6..]] {
            chunked.push(chunk).unwrap();
        }
        let chunked = chunked.finish().unwrap();
        let inline = serde_json::to_string(&assets).unwrap();
        assert!(whole.json.contains(&hex(&Sha256::digest(inline.as_bytes()))));
        assert_eq!(chunked.json, whole.json);
        assert_eq!(
            zstd::decode_all(chunked.rows.unwrap().as_slice()).unwrap(),
            inline.as_bytes()
        );
    }

    #[test]
    fn other_changes_are_their_json() {
        let c = Change::DeleteMeasure { id: 7 };
        let logged = write(&c).unwrap();
        assert_eq!(logged.json, serde_json::to_string(&c).unwrap());
        assert!(logged.rows.is_none());
    }
}
