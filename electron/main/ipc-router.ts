import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { contract } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AppLog } from '../core/app-log';
import { dispatch, type HandlerTable } from '../core/ipc/dispatch';
import type { FileGrants } from '../core/ipc/file-grants';
import { isTrustedRendererUrl } from '../core/security/urls';
import { devServerUrl } from './shell-policy';
import { errorMessage } from '../../shared/error-message';

/**
 * The only place that calls ipcMain. Every contract channel gets one handler that (a) accepts calls
 * only from our window's main frame showing our page, (b)–(d) hands the payload to dispatch(), which
 * validates input, runs the handler and (in development) checks the output.
 */
export function registerIpcRouter(opts: {
  handlers: HandlerTable;
  /** Paths the user picked in the save dialog: the only files the renderer can have core write. */
  fileGrants: FileGrants;
  getWindow: () => BrowserWindow | undefined;
  log: AppLog;
  dev: boolean;
}): () => void {
  const channels = Object.keys(contract);
  const onRejected = (info: { channel: string; code: string; message: string }) =>
    opts.log.event('warn', 'ipc_rejected', `${info.channel}: ${info.code}: ${info.message}`, {
      channel: info.channel,
      code: info.code,
    });
  const onUnexpected = (channel: string, error: unknown) =>
    opts.log.event('error', 'ipc_handler_failed', `${channel}: ${errorMessage(error)}`, {
      channel,
    });

  for (const name of channels) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isFromOurWindow(event, opts.getWindow(), opts.dev)) {
        const error = new AppError('forbidden_sender', 'Calls are accepted only from the Patchbay window.');
        onRejected({ channel: name, code: error.code, message: error.message });
        return { ok: false, error: error.toJSON() };
      }
      return dispatch(opts.handlers, name, payload, {
        validateOutput: opts.dev,
        onRejected,
        onUnexpected,
        fileGrants: opts.fileGrants,
      });
    });
  }
  return () => channels.forEach((name) => ipcMain.removeHandler(name));
}

function isFromOurWindow(event: IpcMainInvokeEvent, win: BrowserWindow | undefined, dev: boolean): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender.id !== win.webContents.id || frame !== win.webContents.mainFrame) return false;
  return isTrustedRendererUrl(frame.url, devServerUrl({ packaged: !dev, env: process.env }));
}
