// The connection banner: offline, reconnecting, restarting; visible and announced.

import { announce } from './common.js';

export function connectionBanner(node, t) {
  let last = null;
  return (status, pending = 0, text = null) => {
    node.dataset.state = status;
    const messages = {
      offline: t('offline'),
      syncing: t('reconnecting'),
      restarting: t('restarting'),
      retrying: t('retrying'),
      full: t('server_full'),
      gone: text,
    };
    const message = messages[status] || '';
    const waiting = pending && status !== 'online' ? ` ${t('pending')} (${pending})` : '';
    node.textContent = message + waiting;
    node.hidden = !message;
    if (status !== last && (['offline', 'gone', 'full'].includes(status) || (status === 'online' && (last === 'offline' || last === 'full')))) {
      announce(status === 'online' ? t('online') : message);
    }
    last = status;
  };
}
