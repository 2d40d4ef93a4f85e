import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

/** W3C trace context headers (`traceparent`, `tracestate`) carried with work done later, elsewhere. */
export type TraceCarrier = Record<string, string>;

const tracer = trace.getTracer('stratum');

/**
 * The active trace as headers to store with an outbox message or a job, or undefined when there is
 * none (tracing off: the global propagator is a no-op and writes nothing).
 */
export function currentTraceContext(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length ? carrier : undefined;
}

/**
 * Runs `work` in a consumer span that continues the trace `carrier` names (a trace of its own
 * without one), so what a job does appears under the request that caused it.
 */
export function continueTrace<T>(
  carrier: TraceCarrier | null | undefined,
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
): Promise<T> {
  const parent = carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
