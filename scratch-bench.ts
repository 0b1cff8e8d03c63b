import bench from './bench/model';
bench();
