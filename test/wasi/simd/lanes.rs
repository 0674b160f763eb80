//! lanes.rs - Rust's core::arch::wasm32 SIMD intrinsics on everyday work.
//!
//! Byte search (compare and bitmask), ASCII case folding (compare and
//! bitselect), hex encoding (swizzle as a table lookup), a float dot
//! product, saturating audio mixing, pixel averaging, a 4x4 transpose with
//! shuffles, the extending, splatting, zero-filling and lane loads and
//! stores, and a table of lane operations on edge values. Built with
//! `-C target-feature=+simd128` each kernel is the intrinsics version in
//! `simd`; natively (and for wasm without simd128) the scalar version in
//! `scalar`, which must print the same. Both sit behind one interface.

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
use scalar as kernels;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use simd as kernels;

/// Positions of `wanted` in `data`, ascending.
type Find = fn(&[u8], u8) -> Vec<usize>;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;

    fn load(bytes: &[u8]) -> v128 {
        assert!(bytes.len() >= 16);
        // Safety: at least 16 readable bytes; v128_load needs no alignment.
        unsafe { v128_load(bytes.as_ptr() as *const v128) }
    }

    fn store(bytes: &mut [u8], v: v128) {
        assert!(bytes.len() >= 16);
        // Safety: at least 16 writable bytes.
        unsafe { v128_store(bytes.as_mut_ptr() as *mut v128, v) }
    }

    #[inline(never)]
    pub fn find(data: &[u8], wanted: u8) -> Vec<usize> {
        let mut found = Vec::new();
        let needle = u8x16_splat(wanted);
        let mut i = 0;
        while i + 16 <= data.len() {
            let mut mask = u8x16_bitmask(u8x16_eq(load(&data[i..]), needle));
            while mask != 0 {
                found.push(i + mask.trailing_zeros() as usize);
                mask &= mask - 1;
            }
            i += 16;
        }
        found.extend((i..data.len()).filter(|&j| data[j] == wanted));
        found
    }

    #[inline(never)]
    pub fn fold_case(data: &mut [u8]) {
        let mut i = 0;
        while i + 16 <= data.len() {
            let v = load(&data[i..]);
            let upper = v128_and(
                u8x16_ge(v, u8x16_splat(b'A')),
                u8x16_le(v, u8x16_splat(b'Z')),
            );
            store(
                &mut data[i..],
                v128_bitselect(u8x16_add(v, u8x16_splat(32)), v, upper),
            );
            i += 16;
        }
        data[i..].make_ascii_lowercase();
    }

    #[inline(never)]
    pub fn hex(data: &[u8]) -> String {
        let digits = u8x16(
            b'0', b'1', b'2', b'3', b'4', b'5', b'6', b'7', b'8', b'9', b'a', b'b', b'c', b'd',
            b'e', b'f',
        );
        let mut out = vec![0u8; data.len() * 2];
        let mut i = 0;
        while i + 16 <= data.len() {
            let v = load(&data[i..]);
            let high = u8x16_swizzle(digits, u8x16_shr(v, 4));
            let low = u8x16_swizzle(digits, v128_and(v, u8x16_splat(15)));
            store(
                &mut out[2 * i..],
                u8x16_shuffle::<0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23>(high, low),
            );
            store(
                &mut out[2 * i + 16..],
                u8x16_shuffle::<8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31>(
                    high, low,
                ),
            );
            i += 16;
        }
        for (j, b) in data[i..].iter().enumerate() {
            out[2 * (i + j)] = b"0123456789abcdef"[(b >> 4) as usize];
            out[2 * (i + j) + 1] = b"0123456789abcdef"[(b & 15) as usize];
        }
        String::from_utf8(out).unwrap()
    }

    /// Four partial sums, one per lane, combined as (0 + 1) + (2 + 3).
    #[inline(never)]
    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let mut sums = f32x4_splat(0.0);
        let mut i = 0;
        while i + 4 <= a.len() {
            let x = f32x4(a[i], a[i + 1], a[i + 2], a[i + 3]);
            let y = f32x4(b[i], b[i + 1], b[i + 2], b[i + 3]);
            sums = f32x4_add(sums, f32x4_mul(x, y));
            i += 4;
        }
        let mut total = (f32x4_extract_lane::<0>(sums) + f32x4_extract_lane::<1>(sums))
            + (f32x4_extract_lane::<2>(sums) + f32x4_extract_lane::<3>(sums));
        for j in i..a.len() {
            total += a[j] * b[j];
        }
        total
    }

    #[inline(never)]
    pub fn mix(a: &[i16], b: &[i16]) -> Vec<i16> {
        a.chunks(8)
            .zip(b.chunks(8))
            .flat_map(|(x, y)| {
                if x.len() == 8 {
                    let vx = i16x8(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]);
                    let vy = i16x8(y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]);
                    let m = i16x8_add_sat(vx, vy);
                    vec![
                        i16x8_extract_lane::<0>(m),
                        i16x8_extract_lane::<1>(m),
                        i16x8_extract_lane::<2>(m),
                        i16x8_extract_lane::<3>(m),
                        i16x8_extract_lane::<4>(m),
                        i16x8_extract_lane::<5>(m),
                        i16x8_extract_lane::<6>(m),
                        i16x8_extract_lane::<7>(m),
                    ]
                } else {
                    x.iter().zip(y).map(|(p, q)| p.saturating_add(*q)).collect()
                }
            })
            .collect()
    }

    #[inline(never)]
    pub fn average_rows(a: &[u8], b: &[u8], out: &mut [u8]) {
        let mut i = 0;
        while i + 16 <= a.len() {
            store(&mut out[i..], u8x16_avgr(load(&a[i..]), load(&b[i..])));
            i += 16;
        }
        for j in i..a.len() {
            out[j] = ((a[j] as u16 + b[j] as u16 + 1) >> 1) as u8;
        }
    }

    fn lanes(v: v128) -> [i32; 4] {
        [
            i32x4_extract_lane::<0>(v),
            i32x4_extract_lane::<1>(v),
            i32x4_extract_lane::<2>(v),
            i32x4_extract_lane::<3>(v),
        ]
    }

    #[inline(never)]
    pub fn transpose(m: [[i32; 4]; 4]) -> [[i32; 4]; 4] {
        let r: Vec<v128> = m
            .iter()
            .map(|row| i32x4(row[0], row[1], row[2], row[3]))
            .collect();
        let t0 = i32x4_shuffle::<0, 4, 1, 5>(r[0], r[1]);
        let t1 = i32x4_shuffle::<0, 4, 1, 5>(r[2], r[3]);
        let t2 = i32x4_shuffle::<2, 6, 3, 7>(r[0], r[1]);
        let t3 = i32x4_shuffle::<2, 6, 3, 7>(r[2], r[3]);
        [
            lanes(i64x2_shuffle::<0, 2>(t0, t1)),
            lanes(i64x2_shuffle::<1, 3>(t0, t1)),
            lanes(i64x2_shuffle::<0, 2>(t2, t3)),
            lanes(i64x2_shuffle::<1, 3>(t2, t3)),
        ]
    }

    fn bytes(v: v128) -> [u8; 16] {
        let mut out = [0u8; 16];
        store(&mut out, v);
        out
    }

    /// load8x8 sign-extended, load64_splat, load32_zero, load16_lane into
    /// lane 5 of all-ones, and store32_lane of lane 2 into a copy of p.
    #[inline(never)]
    pub fn memory_forms(p: &[u8]) -> [[u8; 16]; 5] {
        assert!(p.len() >= 16);
        let ptr = p.as_ptr();
        let mut stored = [0u8; 16];
        stored.copy_from_slice(&p[..16]);
        // Safety: every access stays within the first 16 bytes of p or stored.
        unsafe {
            let ones = u8x16_splat(0xff);
            v128_store32_lane::<2>(
                i32x4(-1, 0x1234_5678, -0x0edc_ba99, 7),
                stored.as_mut_ptr().add(5) as *mut u32,
            );
            [
                bytes(i16x8_load_extend_i8x8(ptr as *const i8)),
                bytes(v128_load64_splat(ptr.add(3) as *const u64)),
                bytes(v128_load32_zero(ptr.add(9) as *const u32)),
                bytes(v128_load16_lane::<5>(ones, ptr.add(1) as *const u16)),
                stored,
            ]
        }
    }

    /// The lane operations of the edge table, lane i of each from x[i], y[i].
    #[inline(never)]
    pub fn edge_ops(x: [i32; 4], y: [i32; 4], f: [f32; 4], g: [f32; 4]) -> Vec<[i32; 4]> {
        let a = i32x4(x[0], x[1], x[2], x[3]);
        let b = i32x4(y[0], y[1], y[2], y[3]);
        let fa = f32x4(f[0], f[1], f[2], f[3]);
        let fb = f32x4(g[0], g[1], g[2], g[3]);
        vec![
            lanes(i32x4_min(a, b)),
            lanes(u32x4_max(a, b)),
            lanes(i32x4_abs(a)),
            lanes(i32x4_shr(a, 29)),
            lanes(u32x4_shr(a, 29)),
            lanes(i16x8_sub_sat(a, b)),
            lanes(u16x8_narrow_i32x4(a, b)),
            lanes(i64x2_mul(a, b)),
            lanes(i32x4_trunc_sat_f32x4(fa)),
            lanes(u32x4_trunc_sat_f32x4(fa)),
            lanes(f32x4_pmin(fa, fb)),
            lanes(f32x4_ne(fa, fb)),
            lanes(f32x4_abs(fb)),
            lanes(f32x4_convert_u32x4(a)),
        ]
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod scalar {
    #[inline(never)]
    pub fn find(data: &[u8], wanted: u8) -> Vec<usize> {
        (0..data.len()).filter(|&i| data[i] == wanted).collect()
    }

    #[inline(never)]
    pub fn fold_case(data: &mut [u8]) {
        data.make_ascii_lowercase();
    }

    #[inline(never)]
    pub fn hex(data: &[u8]) -> String {
        data.iter().map(|b| format!("{:02x}", b)).collect()
    }

    #[inline(never)]
    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let mut sums = [0.0f32; 4];
        let body = a.len() / 4 * 4;
        for i in 0..body {
            sums[i % 4] += a[i] * b[i];
        }
        let mut total = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        for j in body..a.len() {
            total += a[j] * b[j];
        }
        total
    }

    #[inline(never)]
    pub fn mix(a: &[i16], b: &[i16]) -> Vec<i16> {
        a.iter().zip(b).map(|(p, q)| p.saturating_add(*q)).collect()
    }

    #[inline(never)]
    pub fn average_rows(a: &[u8], b: &[u8], out: &mut [u8]) {
        for j in 0..a.len() {
            out[j] = ((a[j] as u16 + b[j] as u16 + 1) >> 1) as u8;
        }
    }

    #[inline(never)]
    pub fn transpose(m: [[i32; 4]; 4]) -> [[i32; 4]; 4] {
        let mut t = [[0; 4]; 4];
        for (i, row) in m.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                t[j][i] = v;
            }
        }
        t
    }

    #[inline(never)]
    pub fn memory_forms(p: &[u8]) -> [[u8; 16]; 5] {
        let mut out = [[0u8; 16]; 5];
        for i in 0..8 {
            out[0][2 * i..2 * i + 2].copy_from_slice(&(p[i] as i8 as i16).to_le_bytes());
        }
        for i in 0..2 {
            out[1][8 * i..8 * i + 8].copy_from_slice(&p[3..11]);
        }
        out[2][..4].copy_from_slice(&p[9..13]);
        out[3] = [0xff; 16];
        out[3][10..12].copy_from_slice(&p[1..3]);
        out[4].copy_from_slice(&p[..16]);
        out[4][5..9].copy_from_slice(&(-0x0edc_ba99i32).to_le_bytes());
        out
    }

    fn from_bits(v: [u32; 4]) -> [i32; 4] {
        [v[0] as i32, v[1] as i32, v[2] as i32, v[3] as i32]
    }

    fn map2(x: [i32; 4], y: [i32; 4], op: impl Fn(i32, i32) -> i32) -> [i32; 4] {
        [
            op(x[0], y[0]),
            op(x[1], y[1]),
            op(x[2], y[2]),
            op(x[3], y[3]),
        ]
    }

    /// Eight 16-bit lanes of (x, y) seen as i16x8, through op, back to i32x4.
    fn map16(
        x: [i32; 4],
        y: [i32; 4],
        op: impl Fn(usize, &[i16; 8], &[i16; 8]) -> u16,
    ) -> [i32; 4] {
        let halves = |v: [i32; 4]| {
            let mut h = [0i16; 8];
            for i in 0..8 {
                h[i] = (v[i / 2] >> (16 * (i % 2))) as i16;
            }
            h
        };
        let (hx, hy) = (halves(x), halves(y));
        let mut r = [0i32; 4];
        for i in 0..8 {
            r[i / 2] |= (op(i, &hx, &hy) as i32) << (16 * (i % 2));
        }
        r
    }

    /// x's lanes then y's, each saturated to 0..=65535, as u16 lanes.
    fn narrow_u(x: [i32; 4], y: [i32; 4]) -> [i32; 4] {
        let n = |v: i32| v.clamp(0, 65535);
        [
            n(x[0]) | n(x[1]) << 16,
            n(x[2]) | n(x[3]) << 16,
            n(y[0]) | n(y[1]) << 16,
            n(y[2]) | n(y[3]) << 16,
        ]
    }

    fn trunc_sat_u(v: f32) -> i32 {
        // `as` saturates and maps NaN to 0, as trunc_sat does.
        v as u32 as i32
    }

    #[inline(never)]
    pub fn edge_ops(x: [i32; 4], y: [i32; 4], f: [f32; 4], g: [f32; 4]) -> Vec<[i32; 4]> {
        let fbits = |v: [f32; 4]| {
            from_bits([
                v[0].to_bits(),
                v[1].to_bits(),
                v[2].to_bits(),
                v[3].to_bits(),
            ])
        };
        let fmap = |op: &dyn Fn(f32, f32) -> i32| {
            [
                op(f[0], g[0]),
                op(f[1], g[1]),
                op(f[2], g[2]),
                op(f[3], g[3]),
            ]
        };
        let x64 = [
            x[0] as u32 as u64 | (x[1] as u32 as u64) << 32,
            x[2] as u32 as u64 | (x[3] as u32 as u64) << 32,
        ];
        let y64 = [
            y[0] as u32 as u64 | (y[1] as u32 as u64) << 32,
            y[2] as u32 as u64 | (y[3] as u32 as u64) << 32,
        ];
        let p = [x64[0].wrapping_mul(y64[0]), x64[1].wrapping_mul(y64[1])];
        vec![
            map2(x, y, |a, b| a.min(b)),
            map2(x, y, |a, b| (a as u32).max(b as u32) as i32),
            map2(x, y, |a, _| a.wrapping_abs()),
            map2(x, y, |a, _| a >> 29),
            map2(x, y, |a, _| ((a as u32) >> 29) as i32),
            map16(x, y, |i, a, b| a[i].saturating_sub(b[i]) as u16),
            narrow_u(x, y),
            [
                p[0] as i32,
                (p[0] >> 32) as i32,
                p[1] as i32,
                (p[1] >> 32) as i32,
            ],
            fmap(&|a, _| a as i32),
            fmap(&|a, _| trunc_sat_u(a)),
            fbits([
                if g[0] < f[0] { g[0] } else { f[0] },
                if g[1] < f[1] { g[1] } else { f[1] },
                if g[2] < f[2] { g[2] } else { f[2] },
                if g[3] < f[3] { g[3] } else { f[3] },
            ]),
            fmap(&|a, b| if a != b { -1 } else { 0 }),
            from_bits([
                g[0].to_bits() & 0x7fff_ffff,
                g[1].to_bits() & 0x7fff_ffff,
                g[2].to_bits() & 0x7fff_ffff,
                g[3].to_bits() & 0x7fff_ffff,
            ]),
            fbits([
                x[0] as u32 as f32,
                x[1] as u32 as f32,
                x[2] as u32 as f32,
                x[3] as u32 as f32,
            ]),
        ]
    }
}

/// A deterministic byte stream (xorshift32).
fn bytes(n: usize, mut state: u32) -> Vec<u8> {
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 11) as u8
        })
        .collect()
}

fn checksum<T: Copy + Into<i64>>(values: &[T]) -> u64 {
    values.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &v| {
        (h ^ (v.into() as u64)).wrapping_mul(0x100_0000_01b3)
    })
}

fn main() {
    let find: Find = kernels::find;
    let data = bytes(100_003, 7);
    for wanted in [0u8, 0x42, 0xff] {
        let found = find(&data, wanted);
        println!(
            "find {:#04x}: {} hits, first {:?}, checksum {:016x}",
            wanted,
            found.len(),
            &found[..3],
            checksum(&found.iter().map(|&i| i as u32).collect::<Vec<_>>())
        );
    }
    println!("find in short: {:?}", find(b"abcabc", b'c'));

    let mut text =
        b"The Quick Brown FOX jumps over the lazy dog; @[`{ AZaz 0123456789 \xc3\x84RGER!".to_vec();
    kernels::fold_case(&mut text);
    println!("fold: {}", String::from_utf8_lossy(&text));
    let mut printable: Vec<u8> = bytes(5003, 11).iter().map(|b| 32 + b % 95).collect();
    kernels::fold_case(&mut printable);
    println!("fold checksum: {:016x}", checksum(&printable));

    println!("hex: {}", kernels::hex(&data[..37]));
    println!(
        "hex checksum: {:016x}",
        checksum(kernels::hex(&data).as_bytes())
    );

    let a: Vec<f32> = data
        .iter()
        .take(10_001)
        .map(|&b| (b as f32 - 128.0) / 16.0)
        .collect();
    let b: Vec<f32> = data
        .iter()
        .skip(7)
        .take(10_001)
        .map(|&b| (b as f32) * 0.75 - 3.0)
        .collect();
    let d = kernels::dot(&a, &b);
    println!("dot: {} ({:08x})", d, d.to_bits());

    let s: Vec<i16> = data
        .chunks(2)
        .take(4001)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    let t: Vec<i16> = data
        .chunks(2)
        .skip(9)
        .take(4001)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    let mixed = kernels::mix(&s, &t);
    println!(
        "mix: {:?} ... checksum {:016x}",
        &mixed[..6],
        checksum(&mixed)
    );

    let mut average = vec![0u8; 1001];
    kernels::average_rows(&data[..1001], &data[2000..3001], &mut average);
    println!(
        "average: {:?} ... checksum {:016x}",
        &average[..8],
        checksum(&average)
    );

    let m = [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
        [13, 14, 15, i32::MIN],
    ];
    println!("transpose: {:?}", kernels::transpose(m));

    for forms in kernels::memory_forms(&data[40..60]).iter() {
        println!(
            "memory: {}",
            forms
                .iter()
                .map(|b| format!("{:02x}", b))
                .collect::<String>()
        );
    }

    let x = [i32::MIN, -1, 0x7fff_8000, 65_536];
    let y = [i32::MAX, 1, -0x8000, -65_537];
    let f = [f32::NAN, -0.0, 3.0e9, -2.5];
    let g = [1.0, 0.0, f32::from_bits(0xffc1_2345), f32::NEG_INFINITY];
    for (i, r) in kernels::edge_ops(x, y, f, g).iter().enumerate() {
        println!(
            "edge {:2}: {:08x} {:08x} {:08x} {:08x}",
            i, r[0], r[1], r[2], r[3]
        );
    }
    for (i, r) in kernels::edge_ops(y, x, g, f).iter().enumerate() {
        println!(
            "edge' {:2}: {:08x} {:08x} {:08x} {:08x}",
            i, r[0], r[1], r[2], r[3]
        );
    }
}
