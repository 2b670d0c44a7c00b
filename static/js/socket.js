// Connect, sync since the last seq, and send commands with op_ids through an offline queue.

import { announce, newOpId } from './common.js';
import { Store } from './store.js';

const ACK_TIMEOUT_MS = 8000;
const RETRY_MS = 3000;
// A sync the server refused (`rate_limited`: too many snapshots from this socket or address this
// minute) or left unanswered is asked again after this long, doubling up to the cap, spread.
const SYNC_RETRY_MS = 5000;
const SYNC_RETRY_MAX_MS = 60000;

export class Room {
  constructor({ config, auth, includeHidden, t, onStatus, onMessage, comeBack = false }) {
    this.config = config;
    // A wall has nobody at its keyboard: when the server ends its socket (a flood from another
    // screen, a restart) it tries again by itself, waiting longer each time, and says so.
    this.comeBack = comeBack;
    this.comeBackDelay = 0;
    this.comeBackTimer = null;
    this.gone = false;
    this.auth = auth;
    this.t = t;
    this.onStatus = onStatus || (() => {});
    this.onMessage = onMessage || (() => {});
    this.store = new Store({ includeHidden, onGap: (full) => this.resync(full) });
    this.queueKey = `workshop-queue:${auth.view}:${auth.workshop_id || auth.join_code}`;
    this.queue = this.loadQueue();
    this.waiters = new Map();
    this.flushing = false;
    this.retryTimer = null;
    this.syncTimer = null;
    this.syncDelay = 0;
    this.syncFull = false;
    this.socket = null;
    this.status = 'connecting';
  }

  loadQueue() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.queueKey) || '[]');
      return Array.isArray(saved) ? saved.filter((item) => item && item.name && item.payload) : [];
    } catch {
      return [];
    }
  }

  saveQueue() {
    try {
      sessionStorage.setItem(this.queueKey, JSON.stringify(this.queue));
    } catch {
      // Private mode or a full storage: the queue still lives in memory.
    }
  }

  get pending() {
    return this.queue.length;
  }

  get connected() {
    return Boolean(this.socket && this.socket.connected);
  }

  setStatus(status) {
    this.status = status;
    this.onStatus(status);
  }

  async connect() {
    const { io } = await import(this.config.socketio_url);
    // Same origin (no URL): the page and the socket share the session cookie and the CSP.
    this.socket = io({
      auth: this.auth,
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    const socket = this.socket;
    socket.on('connect', () => {
      this.comeBackDelay = 0;
      this.afterConnect();
    });
    socket.on('disconnect', (reason) => {
      this.setStatus('offline');
      // A server-side disconnect (logout, deleted workshop) does not come back by itself.
      if (reason !== 'io server disconnect') return;
      this.onMessage('disconnected', {});
      if (this.comeBack && !this.gone) this.tryAgainLater();
    });
    socket.on('connect_error', (error) => {
      const code = error && error.data && error.data.code;
      if (code === 'server_full') {
        // The server holds as many sockets as it may (docs/protocol.md): say so, not
        // "connecting", and ask again by ourselves a little later.
        this.tryAgainLater('full');
        return;
      }
      this.setStatus('offline');
      if (code) this.onMessage('refused', { code });
      // A refusal stops the client's own retries; a wall asks again later (rate_limited passes).
      if (code && this.comeBack && !this.gone && code !== 'invalid_code') this.tryAgainLater();
    });
    socket.on('events', (events) => this.store.applyAll(Array.isArray(events) ? events : [events]));
    socket.on('event', (event) => this.store.applyAll([event]));
    // A participant's own state goes into the store, where every view reads it (state/me.js).
    socket.on('me', (me) => this.store.setMe(me));
    socket.on('head', (head) => this.store.noteHead(head && head.seq));
    for (const name of ['warning', 'workshop.deleted', 'session.ended', 'server.restarting', 'dots.returned', 'board.dragging', 'team.present', 'team.acted']) {
      socket.on(name, (body) => {
        if (name === 'workshop.deleted') this.gone = true;
        this.onMessage(name, body);
      });
    }
    // The engine drops its transport on the browser's `offline` event by itself; we show it.
    window.addEventListener('offline', () => this.setStatus('offline'));
    window.addEventListener('online', () => {
      if (socket.connected) {
        this.setStatus('online');
        this.flush();
      } else {
        socket.connect();
      }
    });
  }

  tryAgainLater(status = 'retrying') {
    clearTimeout(this.comeBackTimer);
    this.comeBackDelay = Math.min(Math.max(this.comeBackDelay * 2, 2000), 60000);
    this.setStatus(status);
    // Spread over ±25%: a full room's phones must not all come back in the same second.
    const delay = this.comeBackDelay * (0.75 + Math.random() / 2);
    this.comeBackTimer = setTimeout(() => {
      if (!this.socket.connected) this.socket.connect();
    }, delay);
  }

  async afterConnect() {
    this.setStatus('syncing');
    await this.sync();
    // Until a first state arrives the screen has nothing to show: it stays "syncing".
    if (this.socket.connected) this.setStatus(this.store.state ? 'online' : 'syncing');
    this.flush();
  }

  // A gap or an event this page could not apply: sync now, or, while a refused sync waits for
  // its retry, at that retry (gaps keep coming in a busy room and must not make it a loop).
  resync(full) {
    if (this.syncTimer) {
      this.syncFull = this.syncFull || full;
      return;
    }
    this.sync(full);
  }

  // `full` asks for a snapshot (since 0): after an event this page could not apply.
  async sync(full = false) {
    if (!this.socket || !this.socket.connected) return undefined;
    clearTimeout(this.syncTimer);
    this.syncTimer = null;
    const whole = full || this.syncFull;
    let body;
    try {
      body = await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('sync', { since: whole ? 0 : this.store.seq });
    } catch {
      body = null; // no answer in time
    }
    if (!body || !body.ok) {
      // Refused (rate_limited) or unanswered: the screen keeps what it shows and asks again
      // later; a reconnection asks at once (a new socket).
      this.syncLater(whole);
      return undefined;
    }
    this.syncDelay = 0;
    this.syncFull = false;
    // A first sync (since 0) always gets a snapshot; later ones the missed events.
    if (body.snapshot) this.store.setSnapshot(body.snapshot);
    else this.store.applyAll(body.events || []);
    if (body.me) this.store.setMe(body.me);
    if (this.status === 'syncing' && this.socket.connected && !this.flushing && !this.queue.length) {
      this.setStatus('online');
    }
    return body;
  }

  syncLater(full) {
    this.syncFull = this.syncFull || full;
    if (this.syncTimer || !this.socket.connected) return;
    this.syncDelay = Math.min(Math.max(this.syncDelay * 2, SYNC_RETRY_MS), SYNC_RETRY_MAX_MS);
    // Spread over ±25%: the screens of a refused address must not all ask in the same second.
    const delay = this.syncDelay * (0.75 + Math.random() / 2);
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      this.sync(this.syncFull);
    }, delay);
  }

  // Send a command; it waits in the queue (kept across reloads) until the server answers.
  send(name, payload) {
    const item = { name, payload: { ...payload, op_id: newOpId() } };
    this.queue.push(item);
    this.saveQueue();
    const answer = new Promise((resolve) => this.waiters.set(item.payload.op_id, resolve));
    if (this.connected) this.flush();
    else this.setStatus('offline');
    return answer;
  }

  async flush() {
    if (this.flushing || !this.socket) return;
    this.flushing = true;
    clearTimeout(this.retryTimer);
    let stuck = false;
    try {
      while (this.queue.length && this.socket.connected) {
        const item = this.queue[0];
        let ack;
        try {
          ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(item.name, item.payload);
        } catch {
          // No answer in time: keep it queued and send the same op_id again a little later (or
          // after reconnecting); the server answers a known op_id without doing it twice.
          stuck = true;
          this.retryTimer = setTimeout(() => this.flush(), RETRY_MS);
          return;
        }
        this.queue.shift();
        this.saveQueue();
        const resolve = this.waiters.get(item.payload.op_id);
        this.waiters.delete(item.payload.op_id);
        if (resolve) resolve(ack || { ok: false, error: { code: 'unavailable', message: '' } });
        else if (ack && !ack.ok && ack.error) announce(ack.error.message);
      }
    } finally {
      this.flushing = false;
      if (!this.socket.connected) this.setStatus('offline');
      else this.setStatus(stuck || !this.store.state ? 'syncing' : 'online');
    }
  }
}
