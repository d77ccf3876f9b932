//! What kind of file an export is, by its content first (a zip archive is a
//! workbook whatever it is called, an OLE file may be an old `.xls`) and by
//! its name second, so that a workbook saved as "responses.csv" is read as
//! a workbook and never reported as text in a wrong encoding.

use std::fmt;
use std::io::{Cursor, Read};
use std::sync::Arc;

use crate::Budget;
use crate::error::SheetError;

/// The format a table was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text (comma, semicolon or tab).
    Csv,
    /// Office Open XML workbook (Excel 2007 on, Microsoft Forms).
    Xlsx,
    /// Excel's binary workbook.
    Xlsb,
    /// OpenDocument spreadsheet (LibreOffice, Google Sheets' download).
    Ods,
    /// Excel 97–2003 workbook.
    Xls,
}

impl Format {
    /// The format's usual name: `CSV`, `.xlsx`, `.xlsb`, `.ods`, `.xls`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Xlsx => ".xlsx",
            Format::Xlsb => ".xlsb",
            Format::Ods => ".ods",
            Format::Xls => ".xls",
        }
    }

    /// Whether it is a workbook (has sheets).
    pub fn is_workbook(self) -> bool {
        self != Format::Csv
    }

    /// The workbook format a file name's extension claims.
    pub fn of_name(file: &str) -> Option<Format> {
        let ext = file.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xlsb" => Some(Format::Xlsb),
            "ods" => Some(Format::Ods),
            "xls" => Some(Format::Xls),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// A zip-based workbook.
    Zip(Format),
    /// An OLE compound file: an `.xls` if the reader takes it.
    Ole,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIMETYPES: &[&str] = &[
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
];

/// The kind of `bytes`, named `file`.
pub(crate) fn sniff(bytes: &[u8], file: &Arc<str>, budget: Budget) -> Result<Kind, SheetError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return zip_kind(bytes, file, budget).map(Kind::Zip);
    }
    if bytes.starts_with(OLE_MAGIC) {
        if holds_utf16(bytes, "EncryptedPackage") {
            // Office wraps an encrypted .xlsx in an OLE file.
            return Err(SheetError::Protected {
                file: file.clone(),
                format: Format::Xlsx,
            });
        }
        return Ok(Kind::Ole);
    }
    Ok(Kind::Text)
}

/// Which workbook a zip archive is: an OpenDocument file says so in its
/// `mimetype` part, an Office Open XML one has its parts under `xl/`.
fn zip_kind(bytes: &[u8], file: &Arc<str>, budget: Budget) -> Result<Format, SheetError> {
    let guess = Format::of_name(file).unwrap_or(Format::Xlsx);
    let damaged = |e: zip::result::ZipError| SheetError::Damaged {
        file: file.clone(),
        format: guess,
        source: Box::new(e),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut unpacked: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(damaged)?;
        unpacked = unpacked.saturating_add(part.size());
    }
    if unpacked > budget.max_unpacked_bytes {
        return Err(SheetError::Unpacks {
            file: file.clone(),
            size: unpacked,
            limit: budget.max_unpacked_bytes,
        });
    }
    if let Ok(part) = archive.by_name("mimetype") {
        let mut text = String::new();
        // A mimetype is one short line; read no more than a line's worth.
        let read = part.take(200).read_to_string(&mut text);
        let mimetype = text.trim().to_string();
        if read.is_ok() && ODS_MIMETYPES.contains(&mimetype.as_str()) {
            return Ok(Format::Ods);
        }
        return Err(SheetError::NotAWorkbook {
            file: file.clone(),
            mimetype: Some(mimetype),
        });
    }
    let names: Vec<&[u8]> = archive.file_names_raw().collect();
    if names.contains(&&b"xl/workbook.bin"[..]) {
        return Ok(Format::Xlsb);
    }
    if names.contains(&&b"[Content_Types].xml"[..]) && names.iter().any(|n| n.starts_with(b"xl/")) {
        return Ok(Format::Xlsx);
    }
    Err(SheetError::NotAWorkbook {
        file: file.clone(),
        mimetype: None,
    })
}

/// Whether `bytes` hold `word` written in UTF-16LE (as OLE directory
/// entries name their streams).
fn holds_utf16(bytes: &[u8], word: &str) -> bool {
    let needle: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_workbook_formats() {
        let cases = [
            ("responses.xlsx", Some(Format::Xlsx)),
            ("R.XLSM", Some(Format::Xlsx)),
            ("a.b.ods", Some(Format::Ods)),
            ("old.xls", Some(Format::Xls)),
            ("bin.xlsb", Some(Format::Xlsb)),
            ("responses.csv", None),
            ("noextension", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::of_name(name), want, "{name}");
        }
    }

    #[test]
    fn content_decides_before_the_name() {
        let file: Arc<str> = Arc::from("responses.xlsx");
        let b = Budget::default();
        assert_eq!(sniff(b"Name,Email\n", &file, b).unwrap(), Kind::Text);
        let ole = [OLE_MAGIC, &[0u8; 64][..]].concat();
        assert_eq!(sniff(&ole, &file, b).unwrap(), Kind::Ole);
        let mut encrypted = ole.clone();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(
            sniff(&encrypted, &file, b),
            Err(SheetError::Protected {
                format: Format::Xlsx,
                ..
            })
        ));
        // A broken zip is a damaged workbook of the kind its name says.
        assert!(matches!(
            sniff(b"PK\x03\x04broken", &Arc::from("r.ods"), b),
            Err(SheetError::Damaged {
                format: Format::Ods,
                ..
            })
        ));
    }
}
