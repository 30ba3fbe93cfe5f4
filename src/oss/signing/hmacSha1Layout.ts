/**
 * Where ossduck's HMAC-SHA-1 WebAssembly module (tools/hmacSha1Wat.ts) keeps
 * things in its memory, by byte offset: the two midstates and the working
 * state below the digest, the outer block at PAD_OFFSET, the message from
 * MESSAGE_OFFSET on. Read by the module's generator and by HmacSha1.ts.
 */
/** The inner midstate at 0 and the outer at 32 (five words each): what a prepared key keeps. */
export const MIDSTATES = 64;
export const DIGEST_OFFSET = 96;
export const PAD_OFFSET = 448;
export const MESSAGE_OFFSET = 512;
/** SHA-1's padding after a message: 0x80, zeros, the 8-byte length; at most 72 bytes. */
export const PADDING_ROOM = 72;
