/** A minimal JSON client of the public HTTP API, as any user's script would write it (fetch + bearer key). */
export interface DemoApi {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Like request, but a non-2xx answer throws with the server's message. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Server-Sent Events of `/v1/events?model=…`; `onEvent` gets each event's type and parsed data. */
  subscribe(path: string, onEvent: (type: string, data: unknown) => void): () => void;
}

export function createDemoApi(baseUrl: string, key: string): DemoApi {
  const headers = { authorization: `Bearer ${key}` };
  async function request<T>(method: string, path: string, body?: unknown) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }
  return {
    request,
    async call<T>(method: string, path: string, body?: unknown) {
      const answer = await request<T & { message?: string; details?: { path: string; reason: string }[] }>(
        method,
        path,
        body,
      );
      if (answer.status >= 300) {
        const detail = answer.body?.details?.[0];
        throw new Error(
          `${method} ${path}: HTTP ${answer.status} ${answer.body?.message ?? ''}${detail ? ` (${detail.path}: ${detail.reason})` : ''}`,
        );
      }
      return answer.body;
    },
    subscribe(path, onEvent) {
      const controller = new AbortController();
      void (async () => {
        try {
          const response = await fetch(`${baseUrl}${path}`, {
            headers: { ...headers, accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (response.body === null) return;
          const decoder = new TextDecoder();
          let buffer = '';
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            buffer += decoder.decode(chunk, { stream: true });
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let type = 'message';
              const data: string[] = [];
              for (const line of block.split('\n')) {
                if (line.startsWith('event:')) type = line.slice(6).trim();
                else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
              }
              if (data.length > 0) onEvent(type, JSON.parse(data.join('\n')));
            }
          }
        } catch (error) {
          if (!controller.signal.aborted) process.stderr.write(`event stream closed: ${(error as Error).message}\n`);
        }
      })();
      return () => controller.abort();
    },
  };
}
