/**
 * The benchmark: starts the built product ({@code bin/evbus}) against a private home and measures
 * throughput, latency, start-up time and the daemon's memory, next to what the machine's Unix
 * sockets carry on their own. Run it with {@code bench/run}; it is not part of the test suite.
 *
 * <p>{@link dev.evbus.bench.Bench} runs the sections {@code BenchOptions} selects and
 * writes one {@code Report}, headed by the {@code Machine}. A section
 * is one class, lettered as the report is: {@code ThroughputBench} (a), {@code LatencyBench} (b),
 * {@code StartupBench} (c), {@code MemoryBench} (d), {@code SocketCeiling} (e), {@code ReplayBench}
 * (f), {@code DurableAckBench} (g), {@code EventPublisherBench} (h), {@code PipelineBench} and
 * {@code PipelineConsumeBench} (i), and beside them the pipe, HTTP, bridge, served-pipeline and
 * aggregation sections, each next to its baseline where there is one (nats-server, redis, wrk, the
 * JVM's floor). They share the rig: a private installation per run (testkit's {@code Evbus}, keeping
 * the caller's {@code EVBUS_*} settings), {@code ConsumerProcess}es in a
 * {@code LoadRig}, {@code BenchPublisher} publishing {@code BenchPayload}s over the wire, and the
 * meters ({@code LatencyRecorder}, {@code CpuTime}, {@code ResidentMemory}, {@code MemorySettle},
 * {@code Sample} for order statistics); {@code Cleanup} stops everything started, in reverse order.
 */
package dev.evbus.bench;
