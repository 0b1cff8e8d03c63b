/**
 * Opening and saving files from the renderer. The browser's file input and download work the
 * same in Electron, where Chromium shows the native open and save dialogs for them.
 */
import { decodeDocumentBytes } from '../../shared/document/text';

export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  saveBlob(fileName, new Blob([text], { type }));
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.click();
  });
}

/** A document file's text (scenario, bid file): UTF-8, with a BOM or in UTF-16 as Windows saves it. */
export async function readDocumentFile(f: File): Promise<string> {
  return decodeDocumentBytes(new Uint8Array(await f.arrayBuffer()));
}

/** A file name without characters that are not allowed on Windows, macOS or Linux. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 120) || 'untitled';
}

/** Save a file the main process sent as base64 (reports, backups). */
export function saveBase64(fileName: string, dataBase64: string, type: string): void {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  saveBlob(fileName, new Blob([bytes], { type }));
}

/** A picked file's bytes as base64, for sending to the main process. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
