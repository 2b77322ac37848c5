//! The register of three assets the register tests start from.

use prongsai_core::assets::AssetStatus;
use prongsai_core::{Change, Store};

use super::asset_doc::asset;

/// A fresh database (the sample) with three assets: two notebooks and a
/// damaged printer.
pub async fn store_with_assets() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    store
        .apply(Change::ImportAssets {
            assets: vec![
                asset("7440-001-0001/66", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", AssetStatus::Usable),
                asset("7440-001-0002/66", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", AssetStatus::Usable),
                asset("7440-001-0003/66", "เครื่องพิมพ์", AssetStatus::Damaged),
            ],
        })
        .await
        .unwrap();
    (dir, store)
}
