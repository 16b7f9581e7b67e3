import { listen, readBody, sendJson, type Listening } from '../../subgraphs/kit/protocol/http';

// A tiny OTLP/HTTP trace receiver (POST /v1/traces), as a collector would stand in front of a trace
// store: it keeps every span the exporters send, with its service, and the raw bodies for audits.
// The exporter we ship (@opentelemetry/exporter-trace-otlp-http) sends JSON; protobuf is refused
// (and so is compression) with 415, so a change of exporter fails loudly here instead of passing on nothing.

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

export interface OtlpReceiver extends Listening {
  spans: ReceivedSpan[];
  /** Each export body as it arrived, decoded to text. */
  bodies: string[];
}

type AnyValue = { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };
const valueOf = (v: AnyValue) => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;
const attributesOf = (list: KeyValue[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const listening = await listen(
    {
      '/v1/traces': async (req, res) => {
        const type = req.headers['content-type'] ?? '';
        const encoding = req.headers['content-encoding'];
        if (!type.startsWith('application/json') || encoding) return sendJson(res, 415, { error: `only uncompressed OTLP/JSON is read here, got ${type} ${encoding ?? ''}` });
        const text = await readBody(req);
        bodies.push(text);
        const request = JSON.parse(text) as {
          resourceSpans: { resource: { attributes: KeyValue[] }; scopeSpans: { spans: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes: KeyValue[] })[] }[] }[];
        };
        for (const rs of request.resourceSpans) {
          const service = String(attributesOf(rs.resource.attributes)['service.name']);
          for (const ss of rs.scopeSpans) {
            for (const s of ss.spans) spans.push({ ...s, parentSpanId: s.parentSpanId || undefined, service, attributes: attributesOf(s.attributes) });
          }
        }
        sendJson(res, 200, {});
      },
    },
    0,
    '127.0.0.1',
  );
  return { ...listening, spans, bodies };
}
