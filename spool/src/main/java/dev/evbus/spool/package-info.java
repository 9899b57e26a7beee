/**
 * The spool: files of publish frames that producers write while no bus answers, and that the
 * next bus (or the producer itself, once a bus is back) takes in, oldest first. A file belongs to
 * whoever holds its exclusive lock; names sort in creation order.
 */
package dev.evbus.spool;
