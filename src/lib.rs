//! Timescope: fast, accessible, embeddable timelines.
//!
//! The crate is a pure core — [`model`] (events, time points, eras) and [`parse`] (TimelineJS3
//! JSON, TimelineJS CSV and the native JSON format, with per-event diagnostics) — plus a thin
//! web layer compiled only for `wasm32` that shows a timeline in a page. The core never touches
//! the browser; it is tested natively with `cargo test`.
//!
//! ```
//! let loaded = timescope::parse::parse(
//!     r#"{"events": [{"start": "2018-09-08", "headline": "Barrel bombs on Idlib"}]}"#,
//!     &timescope::parse::Limits::default(),
//! ).unwrap();
//! assert_eq!(loaded.dataset.len(), 1);
//! assert_eq!(loaded.dataset.event(0).unwrap().start().label(), "8 Sep 2018");
//! ```

pub mod api;
pub mod card;
pub mod draw;
pub mod filter;
pub mod layout;
pub mod media;
pub mod model;
pub mod num;
pub mod overview;
pub mod parse;
pub mod sanitize;
pub mod scale;
pub mod text;
pub mod widget;

#[cfg(all(target_arch = "wasm32", not(feature = "players-module")))]
pub mod web;

#[cfg(all(target_arch = "wasm32", feature = "players-module"))]
pub mod players;

/// The heap: Talc, which grows the wasm memory as dlmalloc would, in a smaller module.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
