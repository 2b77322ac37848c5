//! What the app holds between commands: the open store, or why it could
//! not be opened (shown to the user, e.g. a database from a newer version).

use std::path::Path;

use prongsai_core::{CoreError, ErrorPayload, Store};

pub struct AppState {
    store: Result<Store, ErrorPayload>,
}

impl AppState {
    pub async fn open(path: &Path) -> AppState {
        AppState {
            store: Store::open_or_seed(path)
                .await
                .map(|(s, _)| s)
                .map_err(|e| e.payload()),
        }
    }

    pub fn failed(e: CoreError) -> AppState {
        AppState {
            store: Err(e.payload()),
        }
    }

    pub fn from_store(store: Store) -> AppState {
        AppState { store: Ok(store) }
    }

    pub fn store(&self) -> Result<&Store, ErrorPayload> {
        self.store.as_ref().map_err(Clone::clone)
    }
}
