package dev.tenshot.service.device;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a registration: the device and its agent token, which is shown this once and never again. */
record RegisteredDeviceResponse(@JsonUnwrapped DeviceResponse device, String agentToken) {}
