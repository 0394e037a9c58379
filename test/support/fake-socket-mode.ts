// A fake Slack Socket Mode endpoint on a loopback port for the app's real @slack/socket-mode client.
// The fake Slack's `apps.connections.open` hands out one-time `ws://…/link/?ticket=…` URLs minted here;
// a connection gets Slack's `hello`, then the envelopes a test delivers, and must ack each one with
// `{ envelope_id, payload? }`. WebSocket framing (RFC 6455) is done by hand on node:http's `upgrade`,
// as no WebSocket server package is installed (@slack/socket-mode's client is undici's WebSocket).
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FakeSlack } from './fake-slack.ts';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** What Slack writes on the socket for each delivery (`envelope_id` is filled in when absent). */
export interface Envelope {
  type: EnvelopeType;
  payload: Record<string, unknown>;
  envelope_id?: string;
  accepts_response_payload?: boolean;
  /** events_api only: 0 on the first delivery, then 1, 2, … on Slack's retries. */
  retry_attempt?: number;
  retry_reason?: string;
}

/** An acknowledgement the app sent back: the envelope id echoed, with the response payload if any. */
export interface SocketAck {
  envelope_id: string;
  /** `any` so tests can reach into the response (text, blocks, response_type) without casts. */
  payload?: Record<string, any>;
  /** Which connection (1-based, in the order they were opened) carried it. */
  connection: number;
}

export interface SocketConnection {
  id: number;
  ticket: string;
  open: boolean;
  /** The status code of the close frame the client sent, if it closed the connection itself. */
  closeCode?: number;
}

export interface FakeSocketMode {
  /** `ws://127.0.0.1:<port>`, where the minted `/link/` URLs point. */
  origin: string;
  /** Every connection that completed the handshake and was sent `hello`, oldest first. */
  connections: SocketConnection[];
  acks: SocketAck[];
  /** Text frames from the client that were not acks (a well-behaved client sends none). */
  unexpected: string[];
  /** Resolves once `count` connections have been greeted with `hello` (since the fake started). */
  waitForConnections(count: number, options?: { timeoutMs?: number }): Promise<void>;
  /** Resolves once no connection is open any more. */
  waitForNoConnection(options?: { timeoutMs?: number }): Promise<void>;
  /** Writes the envelope on the newest open connection and resolves with its ack. */
  deliver(envelope: Envelope, options?: { timeoutMs?: number }): Promise<SocketAck>;
  /** Drops the newest open connection without a close frame, as a network failure or a Slack restart does. */
  drop(): void;
  close(): Promise<void>;
}

// Envelope builders with Slack's defaults for each kind.

/** An Events API delivery; `body` is the event_callback (see eventCallback in slack-payloads.ts). */
export function eventsApiEnvelope(body: Record<string, unknown>, retry: { attempt: number; reason: string } = { attempt: 0, reason: '' }): Envelope {
  return { type: 'events_api', payload: body, accepts_response_payload: false, retry_attempt: retry.attempt, retry_reason: retry.reason };
}

/** A slash command; `fields` are what Slack would have form-encoded over HTTP (see slashCommand). */
export function slashCommandEnvelope(fields: Record<string, string>): Envelope {
  return { type: 'slash_commands', payload: fields, accepts_response_payload: true };
}

/** An interaction (block_actions, view_submission, …); only a modal submission can be answered in its ack. */
export function interactiveEnvelope(payload: Record<string, unknown>): Envelope {
  return { type: 'interactive', payload, accepts_response_payload: payload['type'] === 'view_submission' };
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  // Server frames are never masked (a client must fail the connection if one is).
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function closeFrame(code: number): Buffer {
  const body = Buffer.alloc(2);
  body.writeUInt16BE(code, 0);
  return frame(OPCODE.close, body);
}

interface Live extends SocketConnection {
  socket: Duplex;
  closeSent: boolean;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startFakeSocketMode({ slack }: { slack: FakeSlack }): Promise<FakeSocketMode> {
  const connections: Live[] = [];
  const acks: SocketAck[] = [];
  const unexpected: string[] = [];
  const tickets = new Map<string, 'issued' | 'used'>();
  const ackWaiters = new Map<string, (ack: SocketAck) => void>();
  const changeWaiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of [...changeWaiters]) waiter();
  };

  function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = () => {
        if (!condition()) return;
        clearTimeout(timer);
        changeWaiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        changeWaiters.delete(waiter);
        reject(new Error(`fake Socket Mode: ${what()} within ${timeoutMs} ms`));
      }, timeoutMs);
      changeWaiters.add(waiter);
    });
  }

  function onText(connection: Live, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      unexpected.push(text);
      return;
    }
    const envelopeId = (message as { envelope_id?: unknown }).envelope_id;
    if (typeof envelopeId !== 'string') {
      unexpected.push(text);
      return;
    }
    const payload = (message as { payload?: Record<string, unknown> }).payload;
    const ack: SocketAck = { envelope_id: envelopeId, ...(payload !== undefined ? { payload } : {}), connection: connection.id };
    acks.push(ack);
    ackWaiters.get(envelopeId)?.(ack);
  }

  function ended(connection: Live): void {
    if (!connection.open) return;
    connection.open = false;
    changed();
  }

  function accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    socket.on('error', () => socket.destroy());
    if (url.pathname !== '/link/' || tickets.get(ticket) !== 'issued') {
      // Tickets come from apps.connections.open and are good for one connection.
      refuse(socket, '401 Unauthorized');
      return;
    }
    const key = req.headers['sec-websocket-key'];
    if (req.headers.upgrade?.toLowerCase() !== 'websocket' || req.headers['sec-websocket-version'] !== '13' || typeof key !== 'string') {
      refuse(socket, '400 Bad Request');
      return;
    }
    tickets.set(ticket, 'used');
    const acceptKey = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey}\r\n\r\n`);

    const connection: Live = { id: connections.length + 1, ticket, open: true, socket, closeSent: false };
    let buffered: Buffer = Buffer.alloc(0);
    let fragments: Buffer[] = [];
    let fragmentOpcode = 0;

    const handleFrame = (fin: boolean, opcode: number, payload: Buffer) => {
      if (opcode === OPCODE.ping) {
        socket.write(frame(OPCODE.pong, payload));
      } else if (opcode === OPCODE.close) {
        if (payload.length >= 2) connection.closeCode = payload.readUInt16BE(0);
        if (!connection.closeSent) {
          connection.closeSent = true;
          socket.write(closeFrame(connection.closeCode ?? 1000));
        }
        socket.end();
        ended(connection);
      } else if (opcode === OPCODE.text || opcode === OPCODE.binary || opcode === OPCODE.continuation) {
        if (opcode !== OPCODE.continuation) fragmentOpcode = opcode;
        fragments.push(payload);
        if (!fin) return;
        const message = Buffer.concat(fragments);
        fragments = [];
        if (fragmentOpcode === OPCODE.text) onText(connection, message.toString('utf8'));
        else unexpected.push(`<binary ${message.length} bytes>`);
      }
    };

    const onData = (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      while (buffered.length >= 2) {
        const first = buffered[0] as number;
        const second = buffered[1] as number;
        let length = second & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffered.length < 10) return;
          length = Number(buffered.readBigUInt64BE(2));
          offset = 10;
        }
        if ((second & 0x80) === 0) {
          // RFC 6455 §5.1: a server closes the connection on an unmasked client frame.
          socket.end(closeFrame(1002));
          ended(connection);
          return;
        }
        if (buffered.length < offset + 4 + length) return;
        const mask = buffered.subarray(offset, offset + 4);
        const payload = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
        for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
        buffered = buffered.subarray(offset + 4 + length);
        handleFrame((first & 0x80) !== 0, first & 0x0f, payload);
      }
    };

    socket.on('data', onData);
    socket.on('close', () => ended(connection));
    connections.push(connection);
    if (head.length) onData(head);
    socket.write(
      frame(
        OPCODE.text,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: connections.filter((c) => c.open).length,
            debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
            connection_info: { app_id: slack.identity.appId },
          }),
        ),
      ),
    );
    changed();
  }

  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' }).end('Upgrade Required');
  });
  server.on('upgrade', accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  slack.enableSocketMode(() => {
    const ticket = randomUUID();
    tickets.set(ticket, 'issued');
    return `${origin}/link/?ticket=${ticket}&app_id=${slack.identity.appId}`;
  });

  const newestOpen = () => [...connections].reverse().find((c) => c.open);

  return {
    origin,
    connections,
    acks,
    unexpected,
    waitForConnections(count, { timeoutMs = 5000 } = {}) {
      return waitUntil(
        () => connections.length >= count,
        timeoutMs,
        () => `${connections.length} of ${count} connections were opened`,
      );
    },
    waitForNoConnection({ timeoutMs = 5000 } = {}) {
      return waitUntil(
        () => connections.every((c) => !c.open),
        timeoutMs,
        () => `connections ${connections.filter((c) => c.open).map((c) => c.id).join(', ')} are still open`,
      );
    },
    deliver(envelope, { timeoutMs = 5000 } = {}) {
      const connection = newestOpen();
      if (!connection) return Promise.reject(new Error('fake Socket Mode: no open connection to deliver on'));
      const envelopeId = envelope.envelope_id ?? randomUUID();
      const wire = { envelope_id: envelopeId, ...envelope };
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          ackWaiters.delete(envelopeId);
          reject(new Error(`fake Socket Mode: envelope ${envelopeId} (${envelope.type}) was not acked within ${timeoutMs} ms`));
        }, timeoutMs);
        ackWaiters.set(envelopeId, (ack) => {
          clearTimeout(timer);
          ackWaiters.delete(envelopeId);
          resolve(ack);
        });
        connection.socket.write(frame(OPCODE.text, Buffer.from(JSON.stringify(wire))));
      });
    },
    drop() {
      const connection = newestOpen();
      if (!connection) throw new Error('fake Socket Mode: no open connection to drop');
      connection.socket.destroy();
      ended(connection);
    },
    async close() {
      slack.enableSocketMode(undefined);
      for (const connection of connections) {
        connection.socket.destroy();
        ended(connection);
      }
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
