/**
 * Dead letters on disk: items whose stage or sink failed for the last time, one JSON file each in
 * {@code $EVBUS_HOME/dlq/<app>/<key>/}, and their replay through the stage that failed.
 */
package dev.evbus.pipeline.dlq;
