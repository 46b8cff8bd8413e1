//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The path of `rel` under the project's shared data directory (`../shared` from the project
/// root), or `None` with a skip message when it is not there.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        println!("skipping: ../shared/{rel} not found");
        None
    }
}
