/** The dataset makers behind scripts/make-mmdit-dataset and scripts/make-nasbench201-dataset. */
@NullMarked
package dev.tenshot.tools.dataset;

import org.jspecify.annotations.NullMarked;
