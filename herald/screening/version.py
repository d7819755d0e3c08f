"""Engine version: bump when any rule's behaviour changes (rules carry their own versions too)."""

ENGINE_VERSION = "1.0.0"
