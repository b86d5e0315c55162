/** Longest piece of server text or path an error message quotes. */
const CLIP = 200;
/** Server text as an error message may quote it: control and bidi characters blanked, and bounded. */
export const quote = (text) => (text.length > CLIP ? `${text.slice(0, CLIP)}…` : text).replace(/[\0-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/g, " ");
/** What both errors share: the request they were for, and a JSON form that keeps every field. */
class LosantError extends Error {
    constructor(message, request, fields, mayHaveSucceeded, cause) {
        const effect = mayHaveSucceeded ? "; it may have taken effect" : "";
        super(`${message}${effect} (${request.method} ${quote(request.path)})`, cause === undefined ? undefined : { cause });
        Object.assign(this, fields, request, { mayHaveSucceeded });
    }
    /** What `JSON.stringify` shows: every own field (the name among them) and the message, which is not enumerable. */
    toJSON() {
        return { ...this, message: this.message };
    }
}
/** The API answered with an error status, a redirect, or a success body that is not the JSON it promised. */
export class LosantApiError extends LosantError {
    name = "LosantApiError";
    constructor(status, body, request, detail, mayHaveSucceeded = false) {
        const { type, message } = (body && typeof body === "object" ? body : {});
        const fields = { status, type: typeof type === "string" ? type : undefined, apiMessage: typeof message === "string" ? message : undefined, body };
        super(`Losant API ${status}${fields.type ? ` ${quote(fields.type)}` : ""}: ${detail ?? quote(fields.apiMessage ?? "no error message")}`, request, fields, mayHaveSucceeded);
    }
}
/** No complete HTTP answer: the connection failed, or every attempt timed out. */
export class LosantConnectionError extends LosantError {
    name = "LosantConnectionError";
    constructor(reason, attempts, request, detail, cause, status, mayHaveSucceeded) {
        super(`Losant API request ${detail}, attempts: ${attempts}`, request, { reason, attempts, status }, mayHaveSucceeded, cause);
    }
}
