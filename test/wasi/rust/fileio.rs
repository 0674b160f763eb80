//! fileio.rs - std::fs round trips in the directory given as argv[1].
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;

fn kind(e: &io::Error) -> String {
    format!("{:?}", e.kind())
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            format!("{}{}", e.file_name().to_string_lossy(), if t.is_dir() { "/" } else { "" })
        })
        .collect();
    names.sort();
    names
}

fn main() -> io::Result<()> {
    let root = std::env::args().nth(1).expect("usage: fileio DIR");
    let root = Path::new(&root);

    fs::create_dir_all(root.join("data/nested"))?;
    {
        let mut f = File::create(root.join("data/log.txt"))?;
        for i in 0..500 {
            writeln!(f, "entry {:03} {}", i, "x".repeat(i % 17))?;
        }
    }
    let text = fs::read_to_string(root.join("data/log.txt"))?;
    println!("wrote and read {} bytes, {} lines", text.len(), text.lines().count());

    let mut f = File::open(root.join("data/log.txt"))?;
    f.seek(SeekFrom::Start(6))?;
    let mut four = [0u8; 3];
    f.read_exact(&mut four)?;
    println!("at 6: {:?}", std::str::from_utf8(&four).unwrap());
    let end = f.seek(SeekFrom::End(-4))?;
    let mut rest = String::new();
    f.read_to_string(&mut rest)?;
    println!("end-4 at {} reads {:?}", end, rest);

    let reader = BufReader::new(File::open(root.join("data/log.txt"))?);
    let long = reader.lines().filter(|l| l.as_ref().map(|l| l.len() > 25).unwrap_or(false)).count();
    println!("lines longer than 25: {}", long);

    let mut f = OpenOptions::new().append(true).open(root.join("data/log.txt"))?;
    f.write_all(b"appended\n")?;
    drop(f);
    let meta = fs::metadata(root.join("data/log.txt"))?;
    println!("len {} is_file {} is_dir {}", meta.len(), meta.is_file(), meta.is_dir());
    let f = OpenOptions::new().write(true).open(root.join("data/log.txt"))?;
    f.set_len(100)?;
    println!("after set_len: {}", fs::metadata(root.join("data/log.txt"))?.len());

    fs::write(root.join("data/nested/a.bin"), [0u8, 1, 2, 255])?;
    fs::rename(root.join("data/log.txt"), root.join("data/nested/log.txt"))?;
    fs::copy(root.join("data/nested/a.bin"), root.join("b.bin"))?;
    println!("root: {:?}", listing(root));
    println!("nested: {:?}", listing(&root.join("data/nested")));

    match fs::read(root.join("missing")) {
        Ok(_) => println!("missing: found?"),
        Err(e) => println!("missing: {}", kind(&e)),
    }
    match fs::remove_dir(root.join("data")) {
        Ok(_) => println!("remove_dir non-empty: ok?"),
        Err(_) => println!("remove_dir non-empty: failed"),
    }
    match File::options().write(true).create_new(true).open(root.join("b.bin")) {
        Ok(_) => println!("create_new existing: ok?"),
        Err(e) => println!("create_new existing: {}", kind(&e)),
    }
    fs::remove_file(root.join("data/nested/a.bin"))?;
    fs::remove_dir_all(root.join("data"))?;
    println!("after cleanup: {:?}", listing(root));
    Ok(())
}
