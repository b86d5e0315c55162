/** An answer the fake gives instead of doing what was asked: a status and Losant's `{ type, message }` body. */
export class Refusal {
    status;
    type;
    message;
    headers;
    constructor(status, type, message, headers = {}) {
        this.status = status;
        this.type = type;
        this.message = message;
        this.headers = headers;
    }
    /** The error body, as Losant's API sends it. */
    get body() {
        return { type: this.type, message: this.message };
    }
}
/** 400: a parameter or body the spec rejects, or one the fake cannot take; the message says which and why. */
export const invalid = (message) => new Refusal(400, "Validation", message);
/** 404: no token with that id in that collection (or it was deleted); the wording of the spec's example. */
export const notFound = (what) => new Refusal(404, "NotFound", `${what} was not found`);
/** Longest piece of a request (a path, a value) that a message quotes. */
const CLIP = 120;
/** A value as a message quotes it: JSON, clipped. */
export const quoted = (value) => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > CLIP ? `${text.slice(0, CLIP)}…` : text;
};
