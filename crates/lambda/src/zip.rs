//! A deterministic zip writer (stored entries, fixed timestamps): the same files give the
//! same bytes on every machine, so an asset's hash changes only with its content.

/// A file of an archive: its path inside (with `/`), its bytes and whether it is
/// executable (a custom runtime's `bootstrap` must be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) name: String,
    pub(crate) data: Vec<u8>,
    pub(crate) executable: bool,
}

/// The archive of `entries`, in the order given; `Err` when it needs ZIP64 (more than
/// 65,535 files or 4 GiB, far beyond Lambda's 250 MB).
pub(crate) fn write(entries: &[Entry]) -> Result<Vec<u8>, String> {
    if entries.len() > usize::from(u16::MAX) {
        return Err(format!("{} files, more than a zip holds", entries.len()));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = u32_of(out.len())?;
        let size = u32_of(entry.data.len())?;
        let name_len = u16::try_from(entry.name.len())
            .map_err(|_| format!("a path of {} bytes: {}", entry.name.len(), entry.name))?;
        let crc = crc32(&entry.data);
        // 1980-01-01 00:00: the earliest date a zip can hold.
        let (time, date) = (0u16, 0x21u16);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&0u16.to_le_bytes()); // stored
        out.extend_from_slice(&time.to_le_bytes());
        out.extend_from_slice(&date.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&entry.data);

        let mode: u32 = if entry.executable {
            0o100_755
        } else {
            0o100_644
        };
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&0x031eu16.to_le_bytes()); // made by: Unix, 3.0
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&time.to_le_bytes());
        central.extend_from_slice(&date.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes()); // extra
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(mode << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(entry.name.as_bytes());
    }
    let central_offset = u32_of(out.len())?;
    let central_size = u32_of(central.len())?;
    out.extend_from_slice(&central);
    let count = u16::try_from(entries.len()).map_err(|e| e.to_string())?;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

fn u32_of(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{n} bytes, more than a zip without ZIP64 holds"))
}

/// CRC-32 (IEEE 802.3), as zip uses it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn crc32_of_a_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn same_entries_same_bytes() {
        let entries = [Entry {
            name: "bootstrap".to_owned(),
            data: b"#!/bin/sh\n".to_vec(),
            executable: true,
        }];
        let a = write(&entries).unwrap();
        assert_eq!(a, write(&entries).unwrap());
        assert_eq!(&a[..4], b"PK\x03\x04");
        assert_eq!(&a[a.len() - 22..a.len() - 18], b"PK\x05\x06");
    }
}
