import { integrationExecuteRequestSchema, type IntegrationExecuteRequest, type IntegrationResultMessage } from "../../../shared/bridge/protocol.ts";
import { toolCallAnswerSchema } from "../../../shared/integrations/tool-call.ts";
import type { DataTarget } from "./data-api.ts";
import { ApiClientError, bridgeApi, ok, pathIds } from "../api/client.ts";

const failure = (error: unknown) =>
  error instanceof ApiClientError
    ? { code: error.code, message: error.message, ...(error.retryAfterMs !== undefined ? { retryAfterMs: Math.round(error.retryAfterMs) } : {}) }
    : { code: "network_error", message: error instanceof Error ? error.message : String(error) };

/**
 * The parent side of `second:integration:execute` (callIntegrationTool in the app SDK): only a
 * message from this iframe's window that matches the shared schema is taken, and only its tool
 * name and input are sent, to this app's app-tool route for the version the frame shows. URLs,
 * headers and credentials come from the approved agents.json and the grant, never from the frame.
 */
export function attachAppIntegrationBridge(iframe: HTMLIFrameElement, target: DataTarget): () => void {
  const tool = bridgeApi.workspaces[":wId"].apps[":aId"].tools[":toolName"];

  async function answer(request: IntegrationExecuteRequest): Promise<IntegrationResultMessage> {
    const { requestId, toolName } = request;
    try {
      const param = pathIds({ wId: target.workspaceId, aId: target.appId, toolName });
      const raw: unknown = await ok(tool.$post({ param, json: { input: request.input, version: target.version } }));
      const parsed = toolCallAnswerSchema.safeParse(raw);
      if (!parsed.success) return { type: "second:integration:result", toolName, requestId, error: { code: "bad_answer", message: "The platform's answer was not understood." } };
      return { type: "second:integration:result", toolName, requestId, output: parsed.data.output };
    } catch (error) {
      return { type: "second:integration:result", toolName, requestId, error: failure(error) };
    }
  }

  const onMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow) return;
    const parsed = integrationExecuteRequestSchema.safeParse(event.data);
    if (!parsed.success) return;
    void answer(parsed.data).then((reply) => iframe.contentWindow?.postMessage(reply, "*"));
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
