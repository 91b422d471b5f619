// Workaround for the @libp2p/pnet 3.0.27 WASM memory overflow.
//
// What breaks: @libp2p/pnet XORs every chunk with `xsalsa20` 1.2.0 (WASM build).
// All XSalsa20 instances of the process share one WebAssembly.Memory (initial 10
// pages = 640 KiB, maximum 1000 pages = 64 MB). Each instance caches a
// Uint8Array view of that memory, and update() grows the memory when
// `head + overflow + input.length >= view.length`. Growing a WebAssembly.Memory
// detaches the old ArrayBuffer, so every *other* instance's cached view now has
// length 0; on its next update() it "reallocates" again and grows by
// ceil((size - 0) / 64 KiB) pages, detaching everybody else's view in turn. A
// connection has two instances (inbound and outbound) that alternate all the
// time, so once a single call ever needed more than the initial 640 KiB (yamux
// and noise hand pnet large Uint8ArrayList batches under bulk load), the memory
// keeps growing by a whole chunk size on every direction change and reaches its
// 64 MB maximum after roughly 50 MB of traffic: memory.grow() throws a
// RangeError and the connection dies. (Fixed upstream, not released.)
//
// What we do: patch XSalsa20.prototype.update so that the underlying WASM
// update() is never called with more than 64 KiB at once. 144 + 63 + 65536
// bytes always fit in the initial 640 KiB, so memory.grow() is never called, no
// view is ever detached, and the bug cannot trigger. The keystream is unchanged:
// XSalsa20 is a stream cipher and update() keeps its position across calls
// (including partial 64-byte blocks), so splitting a call into consecutive
// slices produces exactly the same output bytes.
//
// We patch the very module instance that @libp2p/pnet imports: resolve
// `xsalsa20` from @libp2p/pnet's own location and load it through require(). A
// CommonJS module is cached once per resolved path, and Node's ESM loader
// (which pnet uses) shares that cache, so the prototype we patch is pnet's.
//
// Set JS_PEER_NO_PNET_FIX=1 to disable the patch (to reproduce the bug).

import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

export const MAX_XSALSA20_CALL = 64 * 1024

const pnetEntry = fileURLToPath(import.meta.resolve('@libp2p/pnet'))
const requireFromPnet = createRequire(pnetEntry)
const XSalsa20 = requireFromPnet('xsalsa20')

export const pnetFixEnabled = process.env.JS_PEER_NO_PNET_FIX !== '1'

if (pnetFixEnabled && XSalsa20.prototype.__axChunked !== true) {
  const originalUpdate = XSalsa20.prototype.update
  XSalsa20.prototype.update = function update (input, output) {
    if (input == null || input.length <= MAX_XSALSA20_CALL) {
      return originalUpdate.call(this, input, output)
    }
    if (output == null) output = new Uint8Array(input.length)
    for (let off = 0; off < input.length; off += MAX_XSALSA20_CALL) {
      const end = Math.min(off + MAX_XSALSA20_CALL, input.length)
      originalUpdate.call(this, input.subarray(off, end), output.subarray(off, end))
    }
    return output
  }
  Object.defineProperty(XSalsa20.prototype, '__axChunked', { value: true })
}
