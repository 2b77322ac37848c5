//! The text the register is searched by, kept on disk so one search
//! (`assets list --search`) need not read every asset: each import writes
//! its assets' [`haystack`]s in blocks of [`BLOCK`], zstd-compressed, in
//! the same transaction. A search decompresses the blocks and matches the
//! words; `read::asset_rows` then reads only the assets found. An asset's searched fields never
//! change once imported, so the blocks are only ever added to; assets
//! imported before schema v12 have none and are read from `asset`.

use std::fmt::Write as _;

use sqlx::SqliteConnection;

use crate::assets::AssetDoc;
use crate::assets::index::{Words, haystack};
use crate::domain::Id;
use crate::error::{CoreError, Result};

/// Assets per block: a block is a few tens of KB compressed.
const BLOCK: usize = 1024;

/// A block of search text: the first and last ids it holds, compressed.
pub(in crate::store) struct Block {
    first_id: Id,
    last_id: Id,
    data: Vec<u8>,
}

/// The search text of `assets`, which are given the ids `first..`, in
/// blocks: CPU work only, which the import does on another thread.
#[cfg(test)]
pub(in crate::store) fn blocks(first: Id, assets: &[AssetDoc]) -> Result<Vec<Block>> {
    let mut out = Blocks::new(first);
    out.push(assets)?;
    out.finish()
}

/// [`blocks`] made as an import's rows arrive, in order: the blocks are
/// the same whatever the chunks.
pub(in crate::store) struct Blocks {
    /// The first id of the block being filled.
    start: Id,
    lines: String,
    /// Assets in the block being filled.
    held: usize,
    out: Vec<Block>,
}

impl Blocks {
    pub fn new(first: Id) -> Blocks {
        Blocks {
            start: first,
            lines: String::new(),
            held: 0,
            out: Vec::new(),
        }
    }

    /// The next assets, in the import's order.
    pub fn push(&mut self, assets: &[AssetDoc]) -> Result<()> {
        for a in assets {
            let id = self.start + self.held as Id;
            writeln!(self.lines, "{id}\t{}", haystack(a).replace('\n', " ")).expect("a String writes");
            self.held += 1;
            if self.held == BLOCK {
                self.seal()?;
            }
        }
        Ok(())
    }

    fn seal(&mut self) -> Result<()> {
        self.out.push(Block {
            first_id: self.start,
            last_id: self.start + self.held as Id - 1,
            data: zstd::encode_all(self.lines.as_bytes(), 3)?,
        });
        self.start += self.held as Id;
        self.held = 0;
        self.lines.clear();
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<Block>> {
        if self.held > 0 {
            self.seal()?;
        }
        Ok(self.out)
    }
}

/// Keeps the [`blocks`] of an import.
pub(in crate::store) async fn keep(conn: &mut SqliteConnection, blocks: Vec<Block>) -> Result<()> {
    for b in blocks {
        sqlx::query("INSERT INTO asset_text (first_id, last_id, data) VALUES (?1, ?2, ?3)")
            .bind(b.first_id)
            .bind(b.last_id)
            .bind(b.data)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The ids of the assets whose text holds every word, in no order.
pub(in crate::store) async fn find(conn: &mut SqliteConnection, words: &Words) -> Result<Vec<Id>> {
    let blocks: Vec<(Id, Id, Vec<u8>)> =
        sqlx::query_as("SELECT first_id, last_id, data FROM asset_text ORDER BY first_id")
            .fetch_all(&mut *conn)
            .await?;
    let mut found = Vec::new();
    // The ids no block holds (assets imported before schema v12): before,
    // between and after the blocks.
    let mut gaps: Vec<(Id, Id)> = Vec::new();
    let mut next: Id = 1;
    for (first_id, last_id, data) in blocks {
        if first_id > next {
            gaps.push((next, first_id - 1));
        }
        next = next.max(last_id + 1);
        let text = zstd::decode_all(data.as_slice())?;
        let text =
            std::str::from_utf8(&text).map_err(|_| CoreError::Database("asset search text is not UTF-8".into()))?;
        for line in text.lines() {
            let (id, hay) = line
                .split_once('\t')
                .ok_or_else(|| CoreError::Database("asset search text has a line without an id".into()))?;
            if words.matches(hay) {
                found.push(
                    id.parse()
                        .map_err(|_| CoreError::Database(format!("asset search text id {id:?}")))?,
                );
            }
        }
    }
    gaps.push((next, Id::MAX));
    for (from, to) in gaps {
        let older = super::read::assets_between(conn, from, to).await?;
        found.extend(
            older
                .into_iter()
                .filter(|(_, a)| words.matches(&haystack(a)))
                .map(|(id, _)| id),
        );
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_made_a_chunk_at_a_time_are_the_same_whatever_the_chunks() {
        let assets: Vec<AssetDoc> = (0..2 * BLOCK as u32 + 7)
            .map(|n| AssetDoc {
                name: format!("เครื่องที่ {n}\nสำรอง"),
                ..crate::store::logged::test_asset(n)
            })
            .collect();
        let parts = |b: Vec<Block>| -> Vec<(Id, Id, String)> {
            b.into_iter()
                .map(|b| {
                    let text = zstd::decode_all(b.data.as_slice()).unwrap();
                    (b.first_id, b.last_id, String::from_utf8(text).unwrap())
                })
                .collect()
        };
        let whole = parts(blocks(11, &assets).unwrap());
        assert_eq!(
            whole.iter().map(|(f, l, _)| (*f, *l)).collect::<Vec<_>>(),
            [(11, 1034), (1035, 2058), (2059, 2065)]
        );
        assert!(whole[0].2.starts_with("11\t"));
        assert!(whole[2].2.lines().last().unwrap().starts_with("2065\t"));
        assert!(!whole[0].2.lines().next().unwrap().contains('\n'));
        for cut in [1, 500, BLOCK, BLOCK + 1, 2000] {
            let mut chunked = Blocks::new(11);
            for chunk in assets.chunks(cut) {
                chunked.push(chunk).unwrap();
            }
            assert_eq!(parts(chunked.finish().unwrap()), whole, "chunks of {cut}");
        }
    }
}
