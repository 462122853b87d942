package dev.patchbay.job;

/** What a job does on each device. */
public enum JobKind {
  /** Run commands, as execute does. */
  EXECUTE,
  /** Apply configuration lines, as configure does. */
  CONFIGURE,
  /** Only open a session under the alias and keep it (pyATS {@code testbed.connect()}). */
  CONNECT
}
