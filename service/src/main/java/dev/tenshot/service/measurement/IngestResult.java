package dev.tenshot.service.measurement;

import java.util.List;

/**
 * @param stored how many measurements of the batch were new and are now stored
 * @param alreadyStored client ids of the batch that were stored before; they were left as they were
 */
record IngestResult(int stored, List<String> alreadyStored) {

    IngestResult {
        alreadyStored = List.copyOf(alreadyStored);
    }
}
