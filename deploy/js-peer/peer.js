#!/usr/bin/env node
// js-libp2p reference peer for ax-node interop tests and benchmarks.
//
//   node peer.js listen [--port N] [--host IP] [--psk FILE] [--key-seed HEX32] [--inbound-rate N] [--no-stdin]
//   node peer.js dial <multiaddr> [--psk FILE] [--ping N] [--perf-upload BYTES]
//                     [--perf-download BYTES] [--timeout-ms N] [--perf-timeout-ms N]
//   node peer.js keygen [--out FILE]
//   node peer.js bench-setups <multiaddr> [--psk FILE] [--seconds S]
//
// listen/dial/bench-setups print one JSON object per line on stdout (see README.md).
// Diagnostics go to stderr.

// Must stay the first import: js-libp2p calls Promise.withResolvers (missing in Node 20).
import './polyfill.js'
import { pnetFixEnabled } from './pnet-chunking.js'

import { readFileSync, writeFileSync, fstatSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { preSharedKey, generateKey } from '@libp2p/pnet'
import { noise } from '@chainsafe/libp2p-noise'
import { tls } from '@libp2p/tls'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'

const PERF_PROTOCOL = '/perf/1.0.0'
const CHUNK = 64 * 1024
const ZEROS = new Uint8Array(CHUNK) // never written to, so it may be handed to send() repeatedly

// ---------------------------------------------------------------- output

function emit (obj) {
  process.stdout.write(JSON.stringify(obj) + '\n')
}

function errorMessage (err) {
  if (err == null) return 'unknown error'
  // stream 'close' events are sometimes thrown/rejected as-is
  if (typeof Event !== 'undefined' && err instanceof Event) {
    return err.error != null ? errorMessage(err.error) : `stream ${err.type} event`
  }
  const name = err.name != null && err.name !== 'Error' ? `${err.name}: ` : ''
  return `${name}${err.message ?? String(err)}`
}

// Exit only after stdout has been flushed (it is a pipe when a Java test drives us).
function exit (code) {
  process.stdout.write('', () => process.exit(code))
  // in case the write callback never fires
  setTimeout(() => process.exit(code), 2000).unref()
}

// ---------------------------------------------------------------- args

function parseArgs (argv) {
  const opts = { _: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      if (eq > 0) {
        opts[a.slice(2, eq)] = a.slice(eq + 1)
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        opts[a.slice(2)] = argv[++i]
      } else {
        opts[a.slice(2)] = true
      }
    } else {
      opts._.push(a)
    }
  }
  return opts
}

function intOpt (opts, name, dflt) {
  const v = opts[name]
  if (v === undefined) return dflt
  const n = Number(v)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`)
  return n
}

// ---------------------------------------------------------------- node

async function privateKeyFromSeed (hex) {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('--key-seed must be 64 hex characters (32 bytes)')
  return generateKeyPairFromSeed('Ed25519', Uint8Array.from(Buffer.from(hex, 'hex')))
}

// --security noise|tls|noise,tls|tls,noise: the connection encrypters, most preferred first
// (a dialer proposes them in this order; a listener accepts any of them). Default noise.
function encrypters (security = 'noise') {
  return String(security).split(',').map(name => {
    if (name === 'noise') return noise()
    if (name === 'tls') return tls()
    throw new Error(`--security: unknown encrypter '${name}' (noise, tls)`)
  })
}

async function createNode ({ listen = [], psk, keySeed, inboundRate = 10000, security }) {
  const config = {
    addresses: { listen },
    // js refuses a host's inbound connections beyond 5 per second and more than
    // 10 pending upgrades by default; a test peer that is dialled in a loop
    // (setup benchmarks, retrying tests) must not, so these are raised.
    // --inbound-rate 5 restores js's default rate limit.
    connectionManager: {
      inboundConnectionThreshold: inboundRate,
      maxIncomingPendingConnections: 100,
      maxConnections: 1000
    },
    transports: [tcp()],
    connectionEncrypters: encrypters(security),
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping()
    }
  }
  if (psk != null) {
    // js takes the whole key file text (as bytes), not the 32-byte key.
    config.connectionProtector = preSharedKey({ psk: readFileSync(psk) })
  }
  if (keySeed != null) {
    config.privateKey = await privateKeyFromSeed(keySeed)
  }
  const node = await createLibp2p(config)
  await node.handle(PERF_PROTOCOL, (stream, connection) => {
    perfServer(stream, connection).catch(err => {
      process.stderr.write(`perf server error: ${errorMessage(err)}\n`)
      stream.abort(err)
    })
  }, { maxInboundStreams: 64, maxOutboundStreams: 64 })
  return node
}

function identifyEvent (result) {
  return {
    event: 'identify',
    peerId: result.peerId.toString(),
    agentVersion: result.agentVersion ?? null,
    protocolVersion: result.protocolVersion ?? null,
    protocols: [...(result.protocols ?? [])],
    listenAddrs: (result.listenAddrs ?? []).map(a => a.toString()),
    observedAddr: result.observedAddr?.toString() ?? null
  }
}

// ---------------------------------------------------------------- perf

// Sends `n` bytes on `stream` in 64 KiB chunks, honouring back-pressure:
// stream.send() returns false when the write buffer is full, then we wait for
// the 'drain' event through stream.onDrain().
async function sendBytes (stream, n, signal) {
  while (n > 0) {
    const len = Math.min(n, CHUNK)
    const chunk = len === CHUNK ? ZEROS : ZEROS.subarray(0, len)
    if (!stream.send(chunk)) {
      await stream.onDrain({ signal })
    }
    n -= len
  }
}

// /perf/1.0.0 server: read u64 BE bytes-wanted, drain the upload to EOF, send
// the wanted bytes, close.
async function perfServer (stream, connection) {
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  const header = new Uint8Array(8)
  let headerLen = 0
  let received = 0
  for await (const buf of stream) {
    // buf is a Uint8Array or a Uint8ArrayList (both have byteLength/subarray)
    let len = buf.byteLength
    if (headerLen < 8) {
      const take = Math.min(8 - headerLen, len)
      header.set(buf.subarray(0, take), headerLen)
      headerLen += take
      len -= take
    }
    received += len
  }
  if (headerLen < 8) throw new Error(`perf: stream ended after ${headerLen} header bytes`)
  const wanted = new DataView(header.buffer).getBigUint64(0, false)
  if (wanted > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`perf: ${wanted} bytes requested`)
  const toSend = Number(wanted)
  await sendBytes(stream, toSend)
  await stream.close()
  const seconds = (performance.now() - start) / 1000
  emit({ event: 'perf-served', peerId: connection.remotePeer.toString(), uploadBytes: received, downloadBytes: toSend, seconds, cpuSeconds: cpuSince(cpu0) })
}

// /perf/1.0.0 client. Upload time: from stream open until the first byte of the
// download arrives (the server only starts sending after it has read our EOF)
// or, with nothing to download, until the server's EOF. Download time: from
// then until the server's EOF.
async function perfClient (connection, uploadBytes, downloadBytes, signal) {
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  const stream = await connection.newStream(PERF_PROTOCOL, { signal })
  let firstByteAt = null
  let downloaded = 0
  const reader = (async () => {
    for await (const buf of stream) {
      if (firstByteAt == null && buf.byteLength > 0) firstByteAt = performance.now()
      downloaded += buf.byteLength
    }
  })()
  reader.catch(() => {}) // observed below
  try {
    const header = new Uint8Array(8)
    new DataView(header.buffer).setBigUint64(0, BigInt(downloadBytes), false)
    stream.send(header)
    await sendBytes(stream, uploadBytes, signal)
    await stream.close({ signal })
    await raceAbort(reader, signal)
  } catch (err) {
    stream.abort(err)
    throw err
  }
  const end = performance.now()
  if (downloaded !== downloadBytes) {
    throw new Error(`perf: asked for ${downloadBytes} bytes, received ${downloaded}`)
  }
  const uploadEnd = firstByteAt ?? end
  const uploadSeconds = (uploadEnd - start) / 1000
  const downloadSeconds = (end - uploadEnd) / 1000
  return {
    event: 'perf',
    uploadBytes,
    downloadBytes,
    seconds: (end - start) / 1000,
    uploadSeconds,
    downloadSeconds,
    uploadMBps: uploadBytes > 0 ? uploadBytes / uploadSeconds / 1e6 : 0,
    downloadMBps: downloadBytes > 0 ? downloadBytes / downloadSeconds / 1e6 : 0,
    cpuSeconds: cpuSince(cpu0)
  }
}

// CPU time (user + system, all threads) this process used since `from`, in seconds.
function cpuSince (from) {
  const d = process.cpuUsage(from)
  return (d.user + d.system) / 1e6
}

function raceAbort (promise, signal) {
  if (signal == null) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      v => { signal.removeEventListener('abort', onAbort); resolve(v) },
      e => { signal.removeEventListener('abort', onAbort); reject(e) }
    )
  })
}

function timeoutSignal (ms, what) {
  const ac = new AbortController()
  const t = setTimeout(() => ac.abort(new Error(`timeout: ${what} took more than ${ms} ms`)), ms)
  t.unref()
  return ac.signal
}

// ---------------------------------------------------------------- modes

async function modeListen (opts) {
  const port = intOpt(opts, 'port', 0)
  const host = opts.host ?? '127.0.0.1'
  const family = host.includes(':') ? 'ip6' : 'ip4'
  const node = await createNode({
    listen: [`/${family}/${host}/tcp/${port}`],
    psk: opts.psk,
    keySeed: opts['key-seed'],
    inboundRate: intOpt(opts, 'inbound-rate', 10000),
    security: opts.security
  })
  node.addEventListener('connection:open', (evt) => {
    const c = evt.detail
    emit({ event: 'connection', peerId: c.remotePeer.toString(), direction: c.direction, remoteAddr: c.remoteAddr.toString(), encryption: c.encryption ?? null, multiplexer: c.multiplexer ?? null })
  })
  node.addEventListener('connection:close', (evt) => {
    const c = evt.detail
    emit({ event: 'connection-closed', peerId: c.remotePeer.toString(), direction: c.direction })
  })
  node.addEventListener('peer:identify', (evt) => emit(identifyEvent(evt.detail)))
  await node.start()
  emit({
    event: 'listening',
    peerId: node.peerId.toString(),
    addrs: node.getMultiaddrs().map(a => a.toString()),
    protocols: node.getProtocols(),
    pnet: opts.psk != null,
    pnetFix: pnetFixEnabled
  })

  let stopping = false
  const stop = async (why) => {
    if (stopping) return
    stopping = true
    setTimeout(() => exit(0), 3000).unref()
    try { await node.stop() } catch {}
    emit({ event: 'stopped', reason: why })
    exit(0)
  }
  process.on('SIGTERM', () => { stop('SIGTERM') })
  process.on('SIGINT', () => { stop('SIGINT') })
  // Stop when stdin closes, but only when stdin is a pipe/socket (the driving
  // Java process). A shell's background job gets /dev/null, which would "close"
  // at once; --no-stdin disables this entirely.
  if (opts['no-stdin'] !== true) {
    let watch = false
    try { const st = fstatSync(0); watch = st.isFIFO() || st.isSocket() } catch {}
    if (watch) {
      process.stdin.on('end', () => stop('stdin closed'))
      process.stdin.on('error', () => stop('stdin error'))
      process.stdin.resume()
    }
  }
}

async function modeDial (opts) {
  const target = opts._[1]
  if (target == null) throw new Error('dial: missing <multiaddr>')
  const ma = multiaddr(target)
  const pings = intOpt(opts, 'ping', 0)
  const up = intOpt(opts, 'perf-upload', 0)
  const down = intOpt(opts, 'perf-download', 0)
  const timeoutMs = intOpt(opts, 'timeout-ms', 10000)
  const perfTimeoutMs = intOpt(opts, 'perf-timeout-ms', 300000)
  const doPerf = opts['perf-upload'] !== undefined || opts['perf-download'] !== undefined

  // Hard stop: whatever js does (a wrong swarm key can leave it waiting on
  // garbage), the process ends with an error event.
  const hardMs = timeoutMs * (1 + pings) + (doPerf ? perfTimeoutMs : 0) + 5000
  // (not unref()ed: it also keeps the process alive should js ever leave a
  // promise pending with no open handle, so we never exit silently)
  setTimeout(() => {
    emit({ event: 'error', message: `hard timeout after ${hardMs} ms` })
    exit(1)
  }, hardMs)

  const node = await createNode({ psk: opts.psk, keySeed: opts['key-seed'], security: opts.security })
  await node.start()

  const expectedPeer = ma.getComponents().find(c => c.name === 'p2p')?.value
  const identified = Promise.withResolvers()
  node.addEventListener('peer:identify', (evt) => {
    if (expectedPeer == null || evt.detail.peerId.toString() === expectedPeer) identified.resolve(evt.detail)
  })

  const setupSignal = timeoutSignal(timeoutMs, 'dial + identify')
  const t0 = performance.now()
  const connection = await node.dial(ma, { signal: setupSignal })
  const connectMs = performance.now() - t0
  emit({
    event: 'connected',
    peerId: connection.remotePeer.toString(),
    remoteAddr: connection.remoteAddr.toString(),
    encryption: connection.encryption ?? null,
    multiplexer: connection.multiplexer ?? null,
    connectMs
  })
  const result = await raceAbort(identified.promise, setupSignal)
  emit(identifyEvent(result))

  for (let i = 0; i < pings; i++) {
    const signal = timeoutSignal(timeoutMs, 'ping')
    const p0 = performance.now()
    const rtt = await node.services.ping.ping(connection.remotePeer, { signal })
    // rttMs: js's own measurement (integer ms, from Date.now()); wallMs:
    // high-resolution time of the whole call (stream open + negotiation + echo).
    emit({ event: 'ping', seq: i + 1, rttMs: rtt, wallMs: performance.now() - p0 })
  }

  if (doPerf) {
    const signal = timeoutSignal(perfTimeoutMs, 'perf')
    emit(await perfClient(connection, up, down, signal))
  }

  await connection.close().catch(() => {})
  await node.stop().catch(() => {})
  emit({ event: 'done' })
  exit(0)
}

// One /ipfs/ping/1.0.0 round trip on exactly this connection (the ping
// service would pick any connection to the peer through the connection
// manager). Returns the round-trip time in ms.
async function pingOnConnection (conn, signal) {
  const stream = await conn.newStream('/ipfs/ping/1.0.0', { signal })
  try {
    const data = crypto.getRandomValues(new Uint8Array(32))
    const t0 = performance.now()
    stream.send(data)
    const got = new Uint8Array(32)
    let n = 0
    for await (const buf of raceIterable(stream, signal)) {
      const take = Math.min(32 - n, buf.byteLength)
      got.set(buf.subarray(0, take), n)
      n += take
      if (n === 32) break
    }
    const rtt = performance.now() - t0
    if (n !== 32 || !got.every((b, i) => b === data[i])) throw new Error('ping: wrong or short echo')
    await stream.close({ signal })
    return rtt
  } catch (err) {
    stream.abort(err)
    throw err
  }
}

async function * raceIterable (iterable, signal) {
  const it = iterable[Symbol.asyncIterator]()
  while (true) {
    const r = await raceAbort(it.next(), signal)
    if (r.done) return
    yield r.value
  }
}

// Connection setups per second: sequential TCP(+pnet)+noise+yamux dials from
// one node, each followed by one ping on that connection, then closed. Identify is disabled on the
// dialer's side so only the handshake + one ping is measured (the listener
// still runs identify toward us, as any js peer would).
async function modeBenchSetups (opts) {
  const target = opts._[1]
  if (target == null) throw new Error('bench-setups: missing <multiaddr>')
  const ma = multiaddr(target)
  const seconds = Number(opts.seconds ?? 10)
  const timeoutMs = intOpt(opts, 'timeout-ms', 10000)
  const config = {
    transports: [tcp()],
    connectionEncrypters: encrypters(opts.security),
    streamMuxers: [yamux()],
    services: { ping: ping() }, // answers the listener's connection-monitor pings
    connectionManager: { maxConnections: 1000 }
  }
  if (opts.psk != null) config.connectionProtector = preSharedKey({ psk: readFileSync(opts.psk) })
  const node = await createLibp2p(config)
  await node.start()
  let count = 0
  let failures = 0
  let lastError = null
  const durations = []
  const start = performance.now()
  const deadline = start + seconds * 1000
  while (performance.now() < deadline) {
    const d0 = performance.now()
    const signal = timeoutSignal(timeoutMs, 'setup')
    let conn
    try {
      conn = await node.dial(ma, { signal, force: true })
      await pingOnConnection(conn, signal)
      durations.push(performance.now() - d0)
      count++
    } catch (err) {
      failures++
      lastError = errorMessage(err)
      if (failures > 10 && failures > count / 10) throw new Error(`too many failed setups (${failures}), last: ${lastError}`)
    } finally {
      await conn?.close().catch(() => {})
    }
  }
  const elapsed = (performance.now() - start) / 1000
  durations.sort((a, b) => a - b)
  await node.stop().catch(() => {})
  emit({
    event: 'setups',
    count,
    seconds: elapsed,
    perSecond: count / elapsed,
    medianMs: durations[Math.floor(durations.length / 2)] ?? null,
    p90Ms: durations[Math.floor(durations.length * 0.9)] ?? null,
    failures,
    lastError
  })
  emit({ event: 'done' })
  exit(0)
}

function modeKeygen (opts) {
  // '/key/swarm/psk/1.0.0/\n/base16/\n' (31 bytes) + 64 hex digits = 95 bytes
  const buf = new Uint8Array(95)
  generateKey(buf)
  if (opts.out != null && opts.out !== true) {
    writeFileSync(opts.out, buf)
  } else {
    process.stdout.write(buf)
  }
}

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2))
const mode = opts._[0]

process.on('unhandledRejection', (err) => {
  process.stderr.write(`unhandled rejection: ${err?.stack ?? err}\n`)
})

try {
  switch (mode) {
    case 'listen': await modeListen(opts); break
    case 'dial': await modeDial(opts); break
    case 'bench-setups': await modeBenchSetups(opts); break
    case 'keygen': modeKeygen(opts); break
    default:
      process.stderr.write('usage: node peer.js listen|dial|keygen|bench-setups [options] (see README.md)\n')
      process.exit(2)
  }
} catch (err) {
  emit({ event: 'error', message: errorMessage(err) })
  if (process.env.JS_PEER_DEBUG) process.stderr.write(`${err?.stack ?? err}\n`)
  exit(1)
}
