//! Search across every year's texts: measures, activities, results,
//! remarks, evidence and outcomes, with a snippet around each match; then
//! the register's assets (number, name, serial) and loans (borrower,
//! purpose).

use sqlx::SqliteConnection;

use crate::domain::*;
use crate::error::Result;
use crate::refusal::Refusal;
use crate::thai;

/// Most hits a search returns.
pub const MAX_HITS: usize = 200;

/// Every place in every year whose text contains `query` (case-insensitive
/// for Latin letters; Thai digits match Arabic ones), newest year first.
pub(super) async fn search(conn: &mut SqliteConnection, query: &str) -> Result<Vec<SearchHit>> {
    let query = thai::to_storage(query.trim()).to_lowercase();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    if query.chars().count() > 200 {
        return Err(Refusal::SearchTooLong { max: 200 }.into());
    }
    let mut hits = report_hits(conn, &query).await?;
    let left = MAX_HITS.saturating_sub(hits.len());
    if left > 0 {
        hits.extend(register_hits(conn, &query, left).await?);
    }
    Ok(hits)
}

async fn report_hits(conn: &mut SqliteConnection, query: &str) -> Result<Vec<SearchHit>> {
    let rows: Vec<(i32, Option<i64>, String, i64, String, i64)> = sqlx::query_as(
        "SELECT y.year_be, m.id, 'measure_title', m.id, m.title, m.position * 1000000 FROM measure m \
            JOIN fiscal_year y ON y.id = m.year_id WHERE instr(lower(m.title), ?1) > 0 \
         UNION ALL SELECT y.year_be, m.id, 'remarks', m.id, m.remarks, m.position * 1000000 + 999999 FROM measure m \
            JOIN fiscal_year y ON y.id = m.year_id WHERE instr(lower(m.remarks), ?1) > 0 \
         UNION ALL SELECT y.year_be, m.id, 'activity', a.id, a.text, m.position * 1000000 + a.position FROM activity a \
            JOIN measure m ON m.id = a.measure_id JOIN fiscal_year y ON y.id = m.year_id \
            WHERE instr(lower(a.text), ?1) > 0 \
         UNION ALL SELECT y.year_be, m.id, 'result', r.id, r.text, m.position * 1000000 + 1000 + r.position * 100 \
            FROM result r JOIN measure m ON m.id = r.measure_id JOIN fiscal_year y ON y.id = m.year_id \
            WHERE instr(lower(r.text), ?1) > 0 \
         UNION ALL SELECT y.year_be, m.id, 'evidence', e.id, \
                COALESCE(e.memo_number, e.url, e.image_name, ''), \
                m.position * 1000000 + 1000 + r.position * 100 + 1 + e.position \
            FROM evidence e JOIN result r ON r.id = e.result_id JOIN measure m ON m.id = r.measure_id \
            JOIN fiscal_year y ON y.id = m.year_id \
            WHERE instr(lower(COALESCE(e.memo_number, e.url, e.image_name, '')), ?1) > 0 \
         UNION ALL SELECT y.year_be, NULL, 'outcome', o.id, o.text, 1000000000 + o.position FROM outcome o \
            JOIN fiscal_year y ON y.id = o.year_id WHERE instr(lower(o.text), ?1) > 0 \
         ORDER BY 1 DESC, 6 LIMIT ?2",
    )
    .bind(query)
    .bind(MAX_HITS as i64)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(year_be, measure_id, field, id, text, _)| {
            let place = match field.as_str() {
                "measure_title" => HitPlace::MeasureTitle(id),
                "remarks" => HitPlace::Remarks(id),
                "activity" => HitPlace::Activity(id),
                "result" => HitPlace::Result(id),
                "evidence" => HitPlace::Evidence(id),
                _ => HitPlace::Outcome(id),
            };
            Ok(SearchHit {
                year_be,
                measure_id,
                place,
                snippet: snippet(&text, query),
                asset_number: None,
            })
        })
        .collect()
}

/// Assets whose number, name or serial holds `query`, then loans whose
/// borrower or purpose does; at most `limit`, in register order.
async fn register_hits(conn: &mut SqliteConnection, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT 'asset', id, number, number || ' ' || name FROM asset \
            WHERE instr(lower(number), ?1) > 0 OR instr(lower(name), ?1) > 0 OR instr(lower(serial), ?1) > 0 \
         UNION ALL SELECT 'loan', l.id, a.number, l.borrower || ' · ' || a.number || ' · ' || l.purpose \
            FROM loan l JOIN asset a ON a.id = l.asset_id \
            WHERE instr(lower(l.borrower), ?1) > 0 OR instr(lower(l.purpose), ?1) > 0 \
         ORDER BY 1, 3 LIMIT ?2",
    )
    .bind(query)
    .bind(limit as i64)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, id, number, text)| SearchHit {
            year_be: 0,
            measure_id: None,
            place: if kind == "asset" {
                HitPlace::Asset(id)
            } else {
                HitPlace::Loan(id)
            },
            snippet: snippet(&text, query),
            asset_number: Some(number),
        })
        .collect())
}

/// Up to 40 characters either side of the first match, with "…" where cut.
fn snippet(text: &str, query: &str) -> String {
    let lower = text.to_lowercase();
    let chars: Vec<char> = text.chars().collect();
    // Lower-casing keeps the character count for the scripts we store.
    let at = lower
        .find(query)
        .map_or(0, |b| lower[..b].chars().count())
        .min(chars.len());
    let from = at.saturating_sub(40);
    let to = (at + query.chars().count() + 40).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s.replace('\n', " ")
}
