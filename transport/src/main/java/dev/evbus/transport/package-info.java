/** Unix-domain sockets for the bus: where an app's socket lives, listening, dialling, and who is on the other end. */
package dev.evbus.transport;
