package dev.evbus.sources;

/**
 * One source as {@code status} shows it.
 *
 * @param name        the source's name ({@code http}, {@code file})
 * @param kind        {@code http} or {@code file}
 * @param address     for HTTP the bound {@code host:port} (also when port 0 was asked); for a file its path
 * @param state       the current state
 * @param eventsIn    events it published that the bus accepted
 * @param errors      requests or lines it refused, and faults it met
 * @param lastEventAt epoch milliseconds of the last accepted event, or 0 for none
 * @param detail      what the state means right now (the last error, say), or null
 */
public record SourceReport(String name, String kind, String address, SourceState state, long eventsIn, long errors,
        long lastEventAt, String detail) {
}
