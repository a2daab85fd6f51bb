//! Render: sheets become print-ready PDF. Pages are streamed to a file as they are made, so
//! memory stays flat however large the job; photos are embedded byte for byte (DCTDecode, one
//! object per photo however often placed); text uses the bundled CJK font, subset, with
//! ToUnicode so it can be searched and copied; barcodes are vector bars. Render never decides
//! where things go (that is `layout`) and never touches the store.

pub mod barcode;
pub mod font;
pub mod page;
pub mod pdf;
pub mod preview;

pub use page::{Adjustment, Item, PageSpec, Rect};
pub use pdf::{PdfSummary, PdfWriter};
