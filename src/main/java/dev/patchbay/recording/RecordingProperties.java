package dev.patchbay.recording;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session recordings ({@code patchbay.recordings.*}).
 *
 * @param retention recordings started longer ago are deleted (file and metadata)
 * @param sweepInterval how often the retention sweep runs
 */
@ConfigurationProperties("patchbay.recordings")
public record RecordingProperties(
    @DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration sweepInterval) {}
