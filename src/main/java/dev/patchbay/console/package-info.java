/**
 * What the web console reads in one call instead of one per device: every live session with its
 * writer and viewers ({@code GET /api/v1/sessions}) and a server-sent event stream of what changes
 * ({@code GET /api/v1/events}). Sits above the terminal, the manager and the leases it reads.
 */
package dev.patchbay.console;
