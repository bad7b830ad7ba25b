package dev.tenshot.service.device;

/** What deleting a device does to its measurements; the caller must say. */
enum MeasurementsOnDelete {
    /** The device is retired: its measurements stay queryable, its agent token is refused. */
    KEEP,
    /** The device and everything measured or searched for it on its own are removed. */
    DELETE
}
