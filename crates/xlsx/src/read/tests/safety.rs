//! Files that are not books, damaged, encrypted or too large; third-party books.

use super::*;

#[test]
fn files_that_are_not_workbooks() -> TestResult {
    let dir = tempfile::tempdir()?;
    let d = dir.path();
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty.xlsx", b"", "the file is empty"),
        ("text.xlsx", b"facility_id,source\nF1,x\n", "it holds plain text"),
        ("page.xlsx", b"<html><body>hi</body></html>", "XML or HTML"),
        ("random.xlsx", &[0x00, 0x9f, 0x13, 0xfe, 0x42, 0x00, 0x77, 0x01, 0xff, 0x10], "not a spreadsheet format"),
        ("doc.pdf", b"%PDF-1.7\n\x00\x01binary", "a PDF document"),
        ("data.txt", b"a,b\n1,2\n", "rename it to .csv"),
    ];
    for (name, bytes, why) in cases {
        let path = d.join(name);
        std::fs::write(&path, bytes)?;
        let err = open_err(&path);
        assert!(matches!(err, OpenError::NotAWorkbook { .. }), "{name}: {err:?}");
        assert!(err.to_string().contains(why), "{name}: {err}");
    }
    assert!(matches!(open_err(&d.join("nothing.xlsx")), OpenError::NotFound { .. }));
    let empty_dir = d.join("empty");
    std::fs::create_dir(&empty_dir)?;
    assert!(open_err(&empty_dir).to_string().contains("the folder holds no .csv files"));

    // A zip that is no spreadsheet, and a Word-like package.
    let zip_path = d.join("archive.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path)?);
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())?;
    zip.write_all(b"hello")?;
    zip.finish()?;
    assert!(open_err(&zip_path).to_string().contains("a zip archive that holds no spreadsheet"));
    let docx = d.join("letter.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx)?);
    for part in ["[Content_Types].xml", "word/document.xml"] {
        zip.start_file(part, zip::write::SimpleFileOptions::default())?;
        zip.write_all(b"<x/>")?;
    }
    zip.finish()?;
    assert!(open_err(&docx).to_string().contains("an Office document without a workbook"));
    Ok(())
}

#[test]
fn truncated_and_damaged_books() -> TestResult {
    let dir = tempfile::tempdir()?;
    let good = book(dir.path(), "good.xlsx", &[("Organisation", org_rows()), ("Facilities", fac_rows())])?;
    let bytes = std::fs::read(&good)?;
    for cut in [10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 30] {
        let path = dir.path().join(format!("cut{cut}.xlsx"));
        std::fs::write(&path, &bytes[..cut])?;
        let err = open_err(&path);
        assert!(matches!(err, OpenError::Corrupt { .. }), "cut at {cut}: {err:?}");
    }
    // Flipped bytes in the middle of the compressed data.
    let mut flipped = bytes.clone();
    for b in flipped.iter_mut().skip(bytes.len() / 4).take(200) {
        *b ^= 0x5a;
    }
    let path = dir.path().join("flipped.xlsx");
    std::fs::write(&path, &flipped)?;
    let _ = open(&path).map(|mut b| b.read_setup());
    Ok(())
}

#[test]
fn encrypted_books() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("secret.xlsx");
    let mut cf = cfb::create(&path)?;
    cf.create_stream("/EncryptionInfo")?.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])?;
    cf.create_stream("/EncryptedPackage")?.write_all(&[0u8; 4096])?;
    cf.flush()?;
    drop(cf);
    let err = open_err(&path);
    assert!(matches!(err, OpenError::Encrypted { .. }), "{err:?}");
    assert!(err.to_string().contains("is password-protected"), "{err}");

    // An OLE file that holds no workbook (a Word .doc, say).
    let doc = dir.path().join("letter.xls");
    let mut cf = cfb::create(&doc)?;
    cf.create_stream("/WordDocument")?.write_all(&[0u8; 4096])?;
    cf.flush()?;
    drop(cf);
    let err = open_err(&doc);
    assert!(matches!(err, OpenError::NotAWorkbook { .. } | OpenError::Corrupt { .. }), "{err:?}");
    Ok(())
}

#[test]
fn decompression_bombs_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path)?);
    let opts = zip::write::SimpleFileOptions::default().compression_level(Some(9));
    zip.start_file("[Content_Types].xml", opts)?;
    zip.write_all(b"<Types/>")?;
    zip.start_file("xl/sharedStrings.xml", opts)?;
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..16 {
        zip.write_all(&zeros)?;
    }
    zip.finish()?;
    let limits = Limits { ratio_min_size: 1 << 20, max_ratio: 100, ..Limits::default() };
    let err = open_with_limits(&path, limits).expect_err("bomb");
    assert!(matches!(err, OpenError::TooLarge { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("the part xl/sharedStrings.xml (16 MiB from") && msg.contains("decompression bomb"), "{msg}");
    assert!(msg.contains("exceeds the limit of 100:1 for parts over 1 MiB"), "{msg}");

    let err =
        open_with_limits(&path, Limits { max_uncompressed: 1 << 20, ..Limits::default() }).expect_err("too large");
    assert!(
        err.to_string().contains(
            "the uncompressed content (more than 16 MiB, passed at the part xl/sharedStrings.xml of 16 MiB) exceeds the limit of 1 MiB"
        ),
        "{err}"
    );

    let csv_dir = dir.path().join("csv");
    std::fs::create_dir(&csv_dir)?;
    std::fs::write(csv_dir.join("Organisation.csv"), "field,value\n".repeat(100))?;
    let mut book = open_with_limits(&csv_dir, Limits { max_file: 100, ..Limits::default() })?;
    let err = book.read_setup().expect_err("CSV too large");
    assert!(err.to_string().contains("the CSV file (1.1 KiB) exceeds the limit of 100 bytes"), "{err}");
    Ok(())
}

#[test]
fn a_panicking_callback_is_not_taken_for_a_damaged_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let rows = vec![act_header(), vec![S("KILN-1"), S("stationary_combustion"), S("diesel"), N(1.0), S("t")]];
    let path =
        book(dir.path(), "p.xlsx", &[("Organisation", org_rows()), ("Facilities", fac_rows()), ("Activities", rows)])?;
    let mut book = open(&path)?;
    let mut setup = book.read_setup()?;
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = book.read_activities(&mut setup, |_| panic!("the caller's own bug"));
    }));
    let payload = caught.expect_err("the panic reaches the caller");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"the caller's own bug"));
    Ok(())
}

// ---- third-party books (read-only, in fixtures/realworld) ----

#[test]
fn real_world_files_give_clear_problems_or_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/realworld");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut seen = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "xlsx" | "xls" | "csv" | "ods") {
            continue;
        }
        seen += 1;
        match open(&path) {
            Ok(mut book) => {
                assert!(!book.sheet_names().is_empty(), "{}", path.display());
                let _ = book.activity_rows_hint();
                let mut setup = book.read_setup().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(
                    has(&setup.problems, "Organisation: missing sheet"),
                    "{}: {:#?}",
                    path.display(),
                    texts(&setup.problems)
                );
                book.read_activities(&mut setup, |_| {}).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                // A book with a Portfolio sheet is a lender's book, which needs
                // no Activities sheet (workbook-v2 §9): its Portfolio sheet's
                // problems are the clear ones.
                assert!(
                    has(&setup.problems, "Activities: missing sheet") || has(&setup.problems, "Portfolio"),
                    "{}",
                    path.display()
                );
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert!(seen >= 10, "only {seen} files in {}", dir.display());
}

#[test]
fn real_world_sheets_read_as_contract_sheets() -> TestResult {
    // Every sheet of every third-party book, read as each sheet of the
    // contract: messy headers and values give problems, never a panic.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/realworld");
    let entries = std::fs::read_dir(&dir)?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(mut book) = open(&path) else { continue };
        for name in book.sheet_names() {
            let mut setup = Setup::new(1000);
            for spec in schema::ALL {
                let mut report = setup.report();
                let mut acts = activities::Activities::default();
                let mut ids = facilities::FacilityIds::default();
                read_table(
                    &mut book.source,
                    &path,
                    SheetRef { spec, name: &name, required: true },
                    &mut report,
                    &|_, _| false,
                    &mut |row, report| match spec.sheet {
                        InputSheet::Activities => drop(acts.read_row(row, report, Some(&mut ids))),
                        InputSheet::Facilities => drop(facilities::read_row(row, report, &mut ids)),
                        InputSheet::Factors => drop(factors::read_row(row, report, GwpSet::Ar5)),
                        InputSheet::Production => drop(production::read_row(row, report, None)),
                        InputSheet::Trading => drop(trading::read_row(row, report, None)),
                        InputSheet::Refrigerants => drop(refrigerants::read_row(row, report, None)),
                        InputSheet::Transactions => drop(transactions::read_row(row, report, None)),
                        InputSheet::Organisation => {}
                        InputSheet::CbamGoods => drop(crate::read::cbam::read_good(row, report, None)),
                        InputSheet::CbamPrecursors => drop(crate::read::cbam::read_precursor(row, report)),
                        InputSheet::CbamImports => drop(crate::read::cbam::read_import(row, report)),
                        InputSheet::Portfolio => {
                            drop(super::super::finance::read_exposure(row, report, &mut Default::default()))
                        }
                        InputSheet::Projects => drop(super::super::finance::read_project(row, report)),
                    },
                )?;
            }
            organisation::read(&mut book.source, &path, &name, &mut setup.report())?;
            assert!(!setup.problems.is_empty(), "{} {name}", path.display());
        }
    }
    Ok(())
}
