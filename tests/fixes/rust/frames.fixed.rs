/// Reads the length-prefixed frames of a binary protocol.
pub struct Frame<'a> {
    pub kind: u32,
    pub body: &'a [u8],
}

pub fn parse(packet: &[u8]) -> Option<Frame<'_>> {
    let head: [u8; 4] = packet.get(..4)?.try_into().ok()?;
    let kind = u32::from_ne_bytes(head);
    let size: [u8; 4] = packet.get(4..8)?.try_into().ok()?;
    let len = u32::from_le_bytes(size) as usize;
    let rest = &packet[8..];
    let body = unsafe { std::slice::from_raw_parts(rest.as_ptr(), len.min(rest.len())) };
    Some(Frame { kind, body })
}

fn main() {
    let mut packet = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin(), &mut packet).expect("stdin");
    match parse(&packet) {
        Some(frame) => println!("{} {:?}", frame.kind, frame.body),
        None => println!("short packet"),
    }
}
