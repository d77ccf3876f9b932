//! Text in the encodings exports come in: UTF-8 (with or without a byte
//! order mark), UTF-16 with its mark (Excel's "Unicode Text"), and, when
//! the bytes are not UTF-8, Windows-1252 (Excel's default "CSV (Comma
//! delimited)" on Windows). The encoding assumed is kept, to be told.

use std::fmt;
use std::sync::Arc;

use crate::error::SheetError;
use crate::kind::Format;

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Assumed when the bytes are not UTF-8: every byte is a character in
    /// it, so this is a guess to be told to the user, not a certainty.
    Windows1252,
}

impl Encoding {
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `Windows-1252`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Text decoded, without its byte order mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) encoding: Encoding,
}

/// Decodes a text file's bytes. Bytes with a NUL in them are no text (a
/// binary file, or UTF-16 without its mark) and are refused.
pub(crate) fn decode(bytes: &[u8], file: &Arc<str>) -> Result<Decoded, SheetError> {
    let bad = |encoding| SheetError::BadText {
        file: file.clone(),
        encoding,
    };
    let utf16 = |rest: &[u8], coding: &'static encoding_rs::Encoding, encoding| {
        coding
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|text| Decoded {
                text: text.into_owned(),
                encoding,
            })
            .ok_or_else(|| bad(encoding))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    if bytes.contains(&0) {
        return Err(SheetError::NotText {
            file: file.clone(),
            named: Format::of_name(file),
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok(Decoded {
                text: text.to_string(),
                encoding: Encoding::Utf8,
            }),
            Err(_) => Err(bad(Encoding::Utf8)),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8,
        });
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Encoding::Windows1252,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            out.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn each_encoding_is_decoded_and_named() {
        let cases: Vec<(Vec<u8>, &str, Encoding)> = vec![
            (b"Name\nZo\xc3\xab".to_vec(), "Name\nZoë", Encoding::Utf8),
            (b"\xef\xbb\xbfName".to_vec(), "Name", Encoding::Utf8),
            (
                b"Se\xe1n,Zo\xeb".to_vec(),
                "Seán,Zoë",
                Encoding::Windows1252,
            ),
            // 0x92 is Windows-1252's right single quote (O’Brien), not a
            // Latin-1 control.
            (
                b"O\x92Brien".to_vec(),
                "O\u{2019}Brien",
                Encoding::Windows1252,
            ),
            (utf16("Seán,Zoë", true), "Seán,Zoë", Encoding::Utf16Le),
            (utf16("Seán,Zoë", false), "Seán,Zoë", Encoding::Utf16Be),
        ];
        let file: Arc<str> = Arc::from("x.csv");
        for (bytes, text, encoding) in cases {
            let d = decode(&bytes, &file).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, encoding), "{bytes:?}");
        }
    }

    #[test]
    fn broken_or_binary_bytes_are_refused() {
        let file: Arc<str> = Arc::from("x.xlsx");
        assert!(matches!(
            decode(b"\xef\xbb\xbfSe\xe1n", &file),
            Err(SheetError::BadText {
                encoding: Encoding::Utf8,
                ..
            })
        ));
        // A lone high surrogate.
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], &file),
            Err(SheetError::BadText {
                encoding: Encoding::Utf16Le,
                ..
            })
        ));
        // UTF-16 without its mark has NUL bytes: not taken as text.
        assert!(matches!(
            decode(b"N\0a\0m\0e\0", &file),
            Err(SheetError::NotText {
                named: Some(Format::Xlsx),
                ..
            })
        ));
    }
}
