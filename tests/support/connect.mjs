// Connects with the official Socket.IO JavaScript client (as the browser does) and prints what
// `connect_error` carried, or that the connection was accepted. Input JSON on stdin:
// {url, auth, cookie}.
import { readFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const { url, auth, cookie } = JSON.parse(readFileSync(0, 'utf8'));
const socket = io(url, {
  auth,
  transports: ['websocket'],
  reconnection: false,
  extraHeaders: cookie ? { Cookie: cookie } : {},
  timeout: 10000,
});
const done = (result) => {
  process.stdout.write(JSON.stringify(result));
  socket.close();
  process.exit(0);
};
socket.on('connect', () => done({ connected: true }));
socket.on('connect_error', (error) => done({ connected: false, message: error.message, data: error.data ?? null }));
setTimeout(() => done({ connected: false, timeout: true }), 15000);
