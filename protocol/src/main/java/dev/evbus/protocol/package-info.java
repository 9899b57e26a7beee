/**
 * The wire between consumers, producers and the bus: one JSON object per line, as records.
 *
 * <p>{@link dev.evbus.protocol.Message} is the closed set of frames, and
 * {@link dev.evbus.protocol.StatusParts} the parts of a status answer. {@link dev.evbus.protocol.FrameCodec}
 * encodes and decodes them (control frames through {@code ControlFrames}, the status answer through
 * {@code StatusFrames}); {@link dev.evbus.protocol.FrameReader} cuts a stream into frames.
 * Decoding tries two single-pass scanners before Jackson's parser: {@code PublishScanner} for the
 * publish frames a producer streams and the event frames a decoding consumer reads ({@code CanonicalPublishLine}: a {@code publish --stdin} line
 * that already is its frame, copied once; {@link dev.evbus.protocol.PublishDecoder}: a bus's producer
 * connection, its payload left in the read buffer for the log to copy once), and {@code ControlFrameScanner} for the small control frames
 * every client reads before it is ready (Jackson's first parser costs a process 9 to 19 ms of
 * {@code BigDecimal} set-up). Each answers only when it is certain to decode as Jackson would, and
 * steps aside otherwise, so error messages stay Jackson's; {@link dev.evbus.protocol.JsonTreeScanner} does
 * the same for any JSON document, such as the payloads a consumer's jq reads. {@link dev.evbus.protocol.JsonText}
 * quotes untrusted text and writes trees for {@code --json} output; {@code ByteScan} finds bytes
 * eight and sixteen at a time for the hot loops. {@link dev.evbus.protocol.EventRules} is what an
 * event's type, id, source time and payload may be, asked by every way an event enters a bus.
 * {@link dev.evbus.protocol.EventFrame} writes the event frame the bus fans out and reads its layout
 * back, so {@code consume} can print a frame without decoding it. {@code docs/protocol.md}
 * describes every frame for clients written without this module.
 */
package dev.evbus.protocol;
