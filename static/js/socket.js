// Connect, sync since the last seq, and send commands with op_ids through an offline queue.

import { announce, newOpId } from './common.js';
import { Store } from './store.js';

const ACK_TIMEOUT_MS = 8000;

export class Room {
  constructor({ config, auth, includeHidden, t, onStatus, onMe, onMessage }) {
    this.config = config;
    this.auth = auth;
    this.t = t;
    this.onStatus = onStatus || (() => {});
    this.onMe = onMe || (() => {});
    this.onMessage = onMessage || (() => {});
    this.store = new Store({ includeHidden, onGap: () => this.sync() });
    this.queueKey = `workshop-queue:${auth.view}:${auth.workshop_id || auth.join_code}`;
    this.queue = this.loadQueue();
    this.waiters = new Map();
    this.flushing = false;
    this.socket = null;
  }

  loadQueue() {
    try {
      return JSON.parse(sessionStorage.getItem(this.queueKey) || '[]');
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

  async connect() {
    const { io } = await import(this.config.socketio_url);
    this.socket = io({
      auth: this.auth,
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    const socket = this.socket;
    socket.on('connect', () => this.afterConnect());
    socket.on('disconnect', (reason) => {
      this.onStatus('offline');
      // A server-side disconnect (logout, deleted workshop) does not come back by itself.
      if (reason === 'io server disconnect') this.onMessage('disconnected', {});
    });
    socket.on('connect_error', (error) => {
      this.onStatus('offline');
      const code = error && error.data && error.data.code;
      if (code) this.onMessage('refused', { code });
    });
    socket.on('events', (events) => this.store.applyAll(events));
    socket.on('me', (me) => this.onMe(me));
    for (const name of ['warning', 'workshop.deleted', 'session.ended', 'server.restarting']) {
      socket.on(name, (body) => this.onMessage(name, body));
    }
    window.addEventListener('offline', () => this.onStatus('offline'));
    window.addEventListener('online', () => {
      if (socket.connected) this.onStatus('online');
      else socket.connect();
    });
  }

  async afterConnect() {
    this.onStatus('syncing');
    await this.sync();
    this.onStatus('online');
    this.flush();
  }

  async sync() {
    if (!this.socket || !this.socket.connected) return;
    let body;
    try {
      body = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sync', { since: this.store.seq });
    } catch {
      return; // timed out: the next connect syncs again
    }
    if (!body || !body.ok) return;
    // A first sync (since 0) always gets a snapshot; later ones the missed events.
    if (body.snapshot) this.store.setSnapshot(body.snapshot);
    else this.store.applyAll(body.events);
    if (body.me) this.onMe(body.me);
    return body;
  }

  // Send a command; it waits in the queue (kept across reloads) until the server answers.
  send(name, payload) {
    const item = { name, payload: { ...payload, op_id: newOpId() } };
    this.queue.push(item);
    this.saveQueue();
    const answer = new Promise((resolve) => this.waiters.set(item.payload.op_id, resolve));
    if (this.socket && this.socket.connected && !this.flushing) this.flush();
    else this.onStatus(this.socket && this.socket.connected ? 'online' : 'offline');
    return answer;
  }

  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length && this.socket.connected) {
        const item = this.queue[0];
        let ack;
        try {
          ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(item.name, item.payload);
        } catch {
          // No answer in time: keep it queued; the same op_id is sent again after reconnecting,
          // and the server answers a known op_id without doing it twice.
          this.onStatus('offline');
          return;
        }
        this.queue.shift();
        this.saveQueue();
        const resolve = this.waiters.get(item.payload.op_id);
        this.waiters.delete(item.payload.op_id);
        if (resolve) resolve(ack);
        else if (ack && !ack.ok) announce(ack.error.message);
      }
    } finally {
      this.flushing = false;
      this.onStatus(this.socket.connected ? 'online' : 'offline');
    }
  }
}
